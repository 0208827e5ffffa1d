using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// A stand-in for Zalo's OA message API and its OAuth token endpoint: a real HTTP listener on a free port that
/// records every message the system sends and answers as Zalo does ({"error":0,...}). It holds one valid access
/// token at a time: a send with any other gets -216 (expired). A refresh trades the current refresh token (single
/// use, rotating, as Zalo's) for a new pair; a spent or unknown refresh token is refused and counted.
/// </summary>
public sealed class FakeZaloOa : LocalHttpServer
{
    public const string FirstAccessToken = "test-oa-access-token", FirstRefreshToken = "test-oa-refresh-token", AppSecretKey = "test-app-secret-key";

    public sealed record Sent(string UserId, string Text, string? AccessToken, string MessageId);

    /// <summary>A ZNS template message as the fake received it.</summary>
    public sealed record Template(string Phone, string TemplateId, IReadOnlyDictionary<string, string> Data, string TrackingId, string? AccessToken);

    private readonly ConcurrentQueue<Sent> sent = new();
    private readonly ConcurrentQueue<Template> templates = new();
    private readonly Lock tokens = new();
    private string accessToken = FirstAccessToken, refreshToken = FirstRefreshToken;
    private int failuresLeft, attempts, refreshes, refusedRefreshes, expiredAnswers;
    private int expireAfter = int.MaxValue;

    public IReadOnlyList<Sent> Messages => [.. sent];
    /// <summary>ZNS template messages received at /message/template (the path of Zalo's business endpoint).</summary>
    public IReadOnlyList<Template> Templates => [.. templates];
    public int Attempts => Volatile.Read(ref attempts);
    /// <summary>Refreshes granted by the token endpoint.</summary>
    public int Refreshes => Volatile.Read(ref refreshes);
    /// <summary>Refreshes refused: a spent (already used) or unknown refresh token, or a wrong app secret.</summary>
    public int RefusedRefreshes => Volatile.Read(ref refusedRefreshes);
    /// <summary>Sends answered -216 because their token was no longer valid.</summary>
    public int ExpiredAnswers => Volatile.Read(ref expiredAnswers);

    /// <summary>The next <paramref name="count"/> sends get an HTTP 503, as an overloaded or unreachable OA API would.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    /// <summary>The access token expires (-216 for it from now on) once <paramref name="count"/> more messages have been delivered.</summary>
    public void ExpireTokenAfter(int count)
    {
        lock (tokens) expireAfter = sent.Count + count;
    }

    public IReadOnlyList<string> To(string userId) => Messages.Where(m => m.UserId == userId).Select(m => m.Text).ToList();

    protected override async Task Handle(HttpListenerRequest request, HttpListenerResponse response)
    {
        var (status, answer) = request.Url?.AbsolutePath switch
        {
            "/v3.0/oa/message/cs" => await SendCs(request),
            "/v4/oa/access_token" => await RefreshToken(request),
            "/message/template" => await SendTemplate(request),
            _ => (404, "{}"),
        };
        response.StatusCode = status;
        await Text(response, "application/json", answer);
    }

    private async Task<(int, string)> SendCs(HttpListenerRequest request)
    {
        Interlocked.Increment(ref attempts);
        if (Interlocked.Decrement(ref failuresLeft) >= 0) return (503, "{}");
        using var body = await JsonDocument.ParseAsync(request.InputStream);
        var token = request.Headers["access_token"];
        var messageId = Guid.NewGuid().ToString("N");
        lock (tokens)
        {
            if (token != accessToken)
            {
                Interlocked.Increment(ref expiredAnswers);
                return (200, """{"error":-216,"message":"Access token is invalid"}""");
            }
            sent.Enqueue(new Sent(
                body.RootElement.GetProperty("recipient").GetProperty("user_id").GetString()!,
                body.RootElement.GetProperty("message").GetProperty("text").GetString()!,
                token,
                messageId));
            if (sent.Count >= expireAfter) (accessToken, expireAfter) = ("expired-" + Guid.NewGuid().ToString("N"), int.MaxValue);
        }
        return (200, """{"error":0,"message":"Success","data":{"message_id":"MID"}}""".Replace("MID", messageId));
    }

    private async Task<(int, string)> SendTemplate(HttpListenerRequest request)
    {
        using var body = await JsonDocument.ParseAsync(request.InputStream);
        var token = request.Headers["access_token"];
        lock (tokens)
            if (token != accessToken)
            {
                Interlocked.Increment(ref expiredAnswers);
                return (200, """{"error":-216,"message":"Access token is invalid"}""");
            }
        var root = body.RootElement;
        templates.Enqueue(new Template(root.GetProperty("phone").GetString()!, root.GetProperty("template_id").GetString()!,
            root.GetProperty("template_data").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!),
            root.GetProperty("tracking_id").GetString()!, token));
        return (200, """{"error":0,"message":"Success","data":{"msg_id":"MID","sent_time":"1700000000000"}}""".Replace("MID", Guid.NewGuid().ToString("N")));
    }

    private async Task<(int, string)> RefreshToken(HttpListenerRequest request)
    {
        using var reader = new StreamReader(request.InputStream);
        var form = System.Web.HttpUtility.ParseQueryString(await reader.ReadToEndAsync());
        lock (tokens)
        {
            if (request.HttpMethod != "POST" || request.Headers["secret_key"] != AppSecretKey || form["grant_type"] != "refresh_token"
                || string.IsNullOrEmpty(form["app_id"]) || form["refresh_token"] != refreshToken)
            {
                Interlocked.Increment(ref refusedRefreshes);
                return (200, """{"error":-14014,"error_name":"Invalid refresh token","error_reason":"refresh token is used or expired"}""");
            }
            var n = Interlocked.Increment(ref refreshes);
            (accessToken, refreshToken) = ($"oa-access-{n}-{Guid.NewGuid():N}", $"oa-refresh-{n}-{Guid.NewGuid():N}");
            return (200, JsonSerializer.Serialize(new { access_token = accessToken, refresh_token = refreshToken, expires_in = "90000" }));
        }
    }
}
