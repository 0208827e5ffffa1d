using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Api.Ioc;

/// <summary>The IOC integration (section "Ioc").</summary>
public sealed class IocOptions
{
    public const string Section = "Ioc";

    /// <summary>The secret the IOC signs alerts with (HMAC-SHA256); alerts are refused while it is not set.</summary>
    public string? SharedSecret { get; set; }

    /// <summary>How far a signed timestamp may be from our clock, either way; older deliveries are replays.</summary>
    public int ReplayWindowSeconds { get; set; } = 300;

    /// <summary>
    /// How often alerts answered by the API are passed on to their cameras (ADR 0006); zero turns coalescing off, and
    /// every alert then waits for its camera.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:10")]
    public TimeSpan CoalesceInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>For how long after its camera last told the API of an incident an alert of that camera and type may be answered with it by the API.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan CoalesceLease { get; set; } = TimeSpan.FromSeconds(2);
}
