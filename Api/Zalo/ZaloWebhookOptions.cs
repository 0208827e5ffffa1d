namespace BacGiang.Incidents.Api.Zalo;

/// <summary>Receiving the Zalo OA webhook (section "Zalo"; the silo reads its sending settings from the same section).</summary>
public sealed class ZaloWebhookOptions
{
    public const string Section = "Zalo";

    /// <summary>The Zalo app linked to the OA: events for any other app are refused.</summary>
    public string? AppId { get; set; }

    /// <summary>The OA Secret Key (not the App Secret) that event signatures are computed with.</summary>
    public string? OaSecretKey { get; set; }

    /// <summary>
    /// How far the signed timestamp may be from our clock. Zalo retries a failed delivery for up to 12 hours, so
    /// the window is wider than that; older signed events are replays. Repeats within it are caught by msg id.
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 168)]
    public int ReplayWindowHours { get; set; } = 24;
}
