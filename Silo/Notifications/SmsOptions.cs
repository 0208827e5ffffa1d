using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Silo.Notifications;

/// <summary>The brandname SMS gateway (section "Sms"; INTEGRATIONS.md §4).</summary>
public sealed class SmsOptions
{
    public const string Section = "Sms";

    [Required]
    public Uri BaseUrl { get; set; } = new("https://rest.esms.vn");

    /// <summary>Without a key no SMS is sent: each SMS notification fails, visibly, with that reason.</summary>
    public string? ApiKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>The sender name registered with the carriers.</summary>
    public string? Brandname { get; set; }

    /// <summary>eSMS validates but neither sends nor charges: for staging.</summary>
    public bool Sandbox { get; set; }

    /// <summary>Signs the delivery callback's address, so only the gateway that was given it can mark an SMS delivered.</summary>
    public string? CallbackSecret { get; set; }

    [Range(typeof(TimeSpan), "00:00:01", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
