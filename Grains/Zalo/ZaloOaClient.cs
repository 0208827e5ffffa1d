using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>Sends a text through the OA's customer-service message API (v3.0 message/cs).</summary>
public interface IZaloOaClient
{
    /// <summary>The OA's message id; throws <see cref="ZaloSendException"/> when Zalo says no or cannot be reached.</summary>
    Task<string> SendText(string userId, string text, CancellationToken cancellationToken = default);
}

public sealed class ZaloSendException(string message, Exception? inner = null) : Exception(message, inner);

public sealed class ZaloOaClient(HttpClient http, IOptions<ZaloOptions> options) : IZaloOaClient
{
    private sealed record Recipient([property: JsonPropertyName("user_id")] string UserId);
    private sealed record Message([property: JsonPropertyName("text")] string Text);
    private sealed record Request([property: JsonPropertyName("recipient")] Recipient Recipient, [property: JsonPropertyName("message")] Message Message);

    public async Task<string> SendText(string userId, string text, CancellationToken cancellationToken = default)
    {
        var settings = options.Value;
        if (string.IsNullOrEmpty(settings.AccessToken)) throw new ZaloSendException("no Zalo:AccessToken is configured");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.ApiBaseUrl, "/v3.0/oa/message/cs"))
        {
            Content = JsonContent.Create(new Request(new Recipient(userId), new Message(text))),
        };
        // Zalo wants the token in a header literally named access_token, not as a bearer token.
        request.Headers.TryAddWithoutValidation("access_token", settings.AccessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) throw new ZaloSendException($"HTTP {(int)response.StatusCode} from the OA API");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            var error = body.RootElement.TryGetProperty("error", out var e) && e.TryGetInt32(out var code) ? code : -1;
            if (error != 0)
            {
                var message = body.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
                // -216: the access token expired; whoever manages the token must refresh it.
                throw new ZaloSendException($"OA API error {error}: {message}{(error == -216 ? " (access token expired)" : "")}");
            }
            return body.RootElement.GetProperty("data").GetProperty("message_id").GetString() ?? "";
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ZaloSendException($"the OA API could not be reached or answered oddly: {ex.Message}", ex);
        }
    }
}
