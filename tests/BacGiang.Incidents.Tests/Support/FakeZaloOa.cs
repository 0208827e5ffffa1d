using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// A stand-in for Zalo's OA message API: a real HTTP listener on a free port that records every message the
/// system sends and answers as Zalo does ({"error":0,...}), or fails the next few sends when told to.
/// </summary>
public sealed class FakeZaloOa : LocalHttpServer
{
    public sealed record Sent(string UserId, string Text, string? AccessToken, string MessageId);

    private readonly ConcurrentQueue<Sent> sent = new();
    private int failuresLeft;
    private int attempts;

    public IReadOnlyList<Sent> Messages => [.. sent];
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>The next <paramref name="count"/> sends get Zalo's "access token expired" answer.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    public IReadOnlyList<string> To(string userId) => Messages.Where(m => m.UserId == userId).Select(m => m.Text).ToList();

    protected override async Task Handle(HttpListenerRequest request, HttpListenerResponse response)
    {
        Interlocked.Increment(ref attempts);
        string answer;
        if (request.Url?.AbsolutePath != "/v3.0/oa/message/cs")
        {
            response.StatusCode = 404;
            answer = "{}";
        }
        else if (Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            answer = """{"error":-216,"message":"Access token is invalid"}""";
        }
        else
        {
            using var body = await JsonDocument.ParseAsync(request.InputStream);
            var messageId = Guid.NewGuid().ToString("N");
            sent.Enqueue(new Sent(
                body.RootElement.GetProperty("recipient").GetProperty("user_id").GetString()!,
                body.RootElement.GetProperty("message").GetProperty("text").GetString()!,
                request.Headers["access_token"],
                messageId));
            answer = """{"error":0,"message":"Success","data":{"message_id":"MID"}}""".Replace("MID", messageId);
        }
        await Text(response, "application/json", answer);
    }
}
