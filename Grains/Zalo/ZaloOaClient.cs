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

    /// <summary>
    /// A ZNS template message to a phone (84…); <paramref name="trackingId"/> is our idempotency key, sent as Zalo's
    /// tracking_id. Throws <see cref="ZaloSendException"/> as <see cref="SendText"/> does.
    /// </summary>
    Task<string> SendTemplate(string phone, string templateId, IReadOnlyDictionary<string, string> data, string trackingId, CancellationToken cancellationToken = default);
}

public sealed class ZaloSendException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Sends with the token of the cluster's one token owner (<see cref="IZaloTokenGrain"/>). Zalo's -216 (token expired)
/// is told to the owner with the generation that failed, and the message is sent once more with the token it gives
/// back: many senders meeting the same expiry cause one refresh.
/// </summary>
public sealed class ZaloOaClient(HttpClient http, IOptions<ZaloOptions> options, IGrainFactory grains) : IZaloOaClient
{
    private const int TokenExpired = -216;

    private sealed record Recipient([property: JsonPropertyName("user_id")] string UserId);
    private sealed record Message([property: JsonPropertyName("text")] string Text);
    private sealed record Request([property: JsonPropertyName("recipient")] Recipient Recipient, [property: JsonPropertyName("message")] Message Message);

    private IZaloTokenGrain Owner => grains.GetGrain<IZaloTokenGrain>(options.Value.TokenOwnerKey);

    private sealed record Template(
        [property: JsonPropertyName("phone")] string Phone,
        [property: JsonPropertyName("template_id")] string TemplateId,
        [property: JsonPropertyName("template_data")] IReadOnlyDictionary<string, string> Data,
        [property: JsonPropertyName("tracking_id")] string TrackingId);

    public Task<string> SendText(string userId, string text, CancellationToken cancellationToken = default) =>
        Send(new Uri(options.Value.ApiBaseUrl, "/v3.0/oa/message/cs"), new Request(new Recipient(userId), new Message(text)), cancellationToken);

    public Task<string> SendTemplate(string phone, string templateId, IReadOnlyDictionary<string, string> data, string trackingId, CancellationToken cancellationToken = default) =>
        Send(options.Value.ZnsUrl, new Template(phone, templateId, data, trackingId), cancellationToken);

    private async Task<string> Send<T>(Uri url, T body, CancellationToken cancellationToken)
    {
        var token = await Owner.Current();
        var (error, answer) = await Post(url, body, Usable(token), cancellationToken);
        if (error == TokenExpired)
        {
            token = await Owner.Expired(token.Generation);
            (error, answer) = await Post(url, body, Usable(token), cancellationToken);
        }
        if (error != 0)
            throw new ZaloSendException($"OA API error {error}: {answer}{(error == TokenExpired ? " (access token expired, again after a refresh)" : "")}");
        return answer;
    }

    private static string Usable(ZaloAccessToken token) => token.Value ?? throw new ZaloSendException(token.Problem ?? "no Zalo access token");

    /// <summary>Zalo's error code (0 = sent) and the message id, or Zalo's message when it said no.</summary>
    private async Task<(int Error, string Answer)> Post<T>(Uri url, T body, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) };
        // Zalo wants the token in a header literally named access_token, not as a bearer token.
        request.Headers.TryAddWithoutValidation("access_token", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) throw new ZaloSendException($"HTTP {(int)response.StatusCode} from the OA API");
            using var answer = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            var root = answer.RootElement;
            var error = root.TryGetProperty("error", out var e) && e.TryGetInt32(out var code) ? code : -1;
            if (error != 0) return (error, root.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "");
            // CS messages answer data.message_id; ZNS answers data.msg_id.
            var data = root.GetProperty("data");
            return (0, (data.TryGetProperty("message_id", out var id) ? id : data.GetProperty("msg_id")).GetString() ?? "");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ZaloSendException($"the OA API could not be reached or answered oddly: {ex.Message}", ex);
        }
    }
}
