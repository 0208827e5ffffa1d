namespace BacGiang.Incidents.Api.Ioc;

/// <summary>The IOC integration (section "Ioc").</summary>
public sealed class IocOptions
{
    public const string Section = "Ioc";

    /// <summary>The secret the IOC signs alerts with (HMAC-SHA256); alerts are refused while it is not set.</summary>
    public string? SharedSecret { get; set; }

    /// <summary>How far a signed timestamp may be from our clock, either way; older deliveries are replays.</summary>
    public int ReplayWindowSeconds { get; set; } = 300;
}
