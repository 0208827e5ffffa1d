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

    public async Task<string> SendText(string userId, string text, CancellationToken cancellationToken = default)
    {
        var token = await Owner.Current();
        var (error, answer) = await Post(Usable(token), userId, text, cancellationToken);
        if (error == TokenExpired)
        {
            token = await Owner.Expired(token.Generation);
            (error, answer) = await Post(Usable(token), userId, text, cancellationToken);
        }
        if (error != 0)
            throw new ZaloSendException($"OA API error {error}: {answer}{(error == TokenExpired ? " (access token expired, again after a refresh)" : "")}");
        return answer;
    }

    private static string Usable(ZaloAccessToken token) => token.Value ?? throw new ZaloSendException(token.Problem ?? "no Zalo access token");

    /// <summary>Zalo's error code (0 = sent) and the message id, or Zalo's message when it said no.</summary>
    private async Task<(int Error, string Answer)> Post(string accessToken, string userId, string text, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Value.ApiBaseUrl, "/v3.0/oa/message/cs"))
        {
            Content = JsonContent.Create(new Request(new Recipient(userId), new Message(text))),
        };
        // Zalo wants the token in a header literally named access_token, not as a bearer token.
        request.Headers.TryAddWithoutValidation("access_token", accessToken);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            if (!response.IsSuccessStatusCode) throw new ZaloSendException($"HTTP {(int)response.StatusCode} from the OA API");
            using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync(cancellationToken));
            var error = body.RootElement.TryGetProperty("error", out var e) && e.TryGetInt32(out var code) ? code : -1;
            return error != 0
                ? (error, body.RootElement.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "")
                : (0, body.RootElement.GetProperty("data").GetProperty("message_id").GetString() ?? "");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ZaloSendException($"the OA API could not be reached or answered oddly: {ex.Message}", ex);
        }
    }
}
