using System.Text.Json;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>What Zalo's OAuth endpoint gave for a refresh token: a new access token, a new refresh token, and seconds to live.</summary>
public sealed record ZaloTokenGrant(string AccessToken, string RefreshToken, int ExpiresInSeconds);

public interface IZaloOAuthClient
{
    /// <summary>Trades the (single-use) refresh token for new tokens; throws <see cref="ZaloSendException"/> when refused or unreachable.</summary>
    Task<ZaloTokenGrant> Refresh(string refreshToken, CancellationToken cancellationToken = default);
}

/// <summary>POST {OAuthBaseUrl}/v4/oa/access_token, header secret_key, form refresh_token, app_id, grant_type (INTEGRATIONS.md §1.6).</summary>
public sealed class ZaloOAuthClient(HttpClient http, IOptions<ZaloOptions> options) : IZaloOAuthClient
{
    public async Task<ZaloTokenGrant> Refresh(string refreshToken, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AppId) || string.IsNullOrEmpty(settings.AppSecretKey))
            throw new ZaloSendException("the token cannot be refreshed: Zalo:AppId and Zalo:AppSecretKey are not configured");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.OAuthBaseUrl, "/v4/oa/access_token"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["refresh_token"] = refreshToken,
                ["app_id"] = settings.AppId,
                ["grant_type"] = "refresh_token",
            }),
        };
        request.Headers.TryAddWithoutValidation("secret_key", settings.AppSecretKey);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) throw new ZaloSendException($"HTTP {(int)response.StatusCode} from the OAuth endpoint");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            var root = body.RootElement;
            if (Text(root, "access_token") is not { Length: > 0 } access || Text(root, "refresh_token") is not { Length: > 0 } refresh)
            {
                // Zalo answers a refusal with an error code and name, not an HTTP status; never the tokens in the message.
                var error = Text(root, "error") ?? "?";
                var name = Text(root, "error_name") ?? Text(root, "message") ?? "no token in the answer";
                throw new ZaloSendException($"the OAuth endpoint refused the refresh: {error} {name}");
            }
            var expiresIn = int.TryParse(Text(root, "expires_in"), out var seconds) && seconds > 0 ? seconds : 3600;
            return new ZaloTokenGrant(access, refresh, expiresIn);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or InvalidOperationException)
        {
            throw new ZaloSendException($"the OAuth endpoint could not be reached or answered oddly: {ex.Message}", ex);
        }
    }

    /// <summary>Zalo sends expires_in as a string in some answers and a number in others.</summary>
    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}
