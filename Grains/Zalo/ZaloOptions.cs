using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>Sending through the Zalo OA message API (section "Zalo").</summary>
public sealed class ZaloOptions
{
    public const string Section = "Zalo";

    /// <summary>The OA API's base address (https://openapi.zalo.me); tests point it at a local fake.</summary>
    [Required]
    public Uri ApiBaseUrl { get; set; } = new("https://openapi.zalo.me");

    /// <summary>
    /// The OA access token first given to the token owner (<c>ZaloTokenGrain</c>), which keeps and refreshes it from
    /// then on. Without it or a refresh token, replies wait as failed deliveries.
    /// </summary>
    public string? AccessToken { get; set; }

    /// <summary>
    /// The refresh token first given to the token owner. Zalo's refresh tokens are single-use: once the owner has
    /// used it, the stored successor counts, and setting a different one here starts the chain again from it.
    /// </summary>
    public string? RefreshToken { get; set; }

    /// <summary>The Zalo app's id (the same as the webhook's), sent with a refresh.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's secret key (not the OA secret key of the webhook), sent in the secret_key header of a refresh.</summary>
    public string? AppSecretKey { get; set; }

    /// <summary>Zalo's OAuth base address (https://oauth.zaloapp.com); tests point it at a local fake.</summary>
    [Required]
    public Uri OAuthBaseUrl { get; set; } = new("https://oauth.zaloapp.com");

    /// <summary>How long before the access token expires the owner refreshes it.</summary>
    [Range(typeof(TimeSpan), "00:00:10", "1.00:00:00")]
    public TimeSpan RefreshBefore { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Attempts before a message is marked failed; retries back off from 1 s, doubling, to 5 min.</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>How long after the citizen's last message customer-service messages may be sent (Zalo's rule).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan CustomerServiceWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>
    /// Where ZNS template messages are sent (POST, header access_token, JSON phone, template_id, template_data,
    /// tracking_id). The default is Zalo's business endpoint as partner gateways describe it: UNVERIFIED, see
    /// INTEGRATIONS.md §1.6.
    /// </summary>
    [Required]
    public Uri ZnsUrl { get; set; } = new("https://business.openapi.zalo.me/message/template");

    /// <summary>
    /// The approved ZNS template for status updates (parameters tracking_code and status). Without one, an update
    /// past the customer-service window waits for the citizen's next message.
    /// </summary>
    public string? ZnsTemplateId { get; set; }

    /// <summary>The token owner's key: one per Zalo app.</summary>
    public string TokenOwnerKey => string.IsNullOrEmpty(AppId) ? "default" : AppId;

    public bool HasToken => !string.IsNullOrEmpty(AccessToken) || !string.IsNullOrEmpty(RefreshToken);
}
