using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>Sending through the Zalo OA message API (section "Zalo").</summary>
public sealed class ZaloOptions
{
    public const string Section = "Zalo";

    /// <summary>The OA API's base address (https://openapi.zalo.me); tests point it at a local fake.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://openapi.zalo.me");

    /// <summary>The OA access token, sent in the access_token header. Without one, replies wait as failed deliveries.</summary>
    public string? AccessToken { get; set; }

    /// <summary>Attempts before a message is marked failed; retries back off from 1 s, doubling, to 5 min.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long after the citizen's last message customer-service messages may be sent (Zalo's rule).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan CustomerServiceWindow { get; set; } = TimeSpan.FromHours(48);
}
