using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Grains.Notifications;

/// <summary>Escalation notifications (section "Notifications").</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Where people open the console and the SMS acknowledgement links: the API's public address.</summary>
    [Required]
    public Uri PublicBaseUrl { get; set; } = new("http://127.0.0.1:5080");

    /// <summary>
    /// How long a notification is retried after it became due before it is marked failed; retries back off from
    /// <see cref="FirstRetry"/>, doubling, to <see cref="LastRetry"/>. Time, not a count of attempts, so a gateway
    /// outage of any length up to this is ridden out whatever the back-off settings.
    /// </summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(6);

    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FirstRetry { get; set; } = TimeSpan.FromSeconds(2);

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LastRetry { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a silo owns a notification it is sending; if it dies, another takes it over after this.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Notifications one dispatch loop leases and sends at once.</summary>
    [Range(1, 512)]
    public int Parallelism { get; set; } = 64;

    /// <summary>Dispatch loops per silo: while one waits for its sends, another leases and sends the next rows.</summary>
    [Range(1, 32)]
    public int Loops { get; set; } = 4;

    /// <summary>How often a silo looks for work queued by others (its own work wakes it at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}
