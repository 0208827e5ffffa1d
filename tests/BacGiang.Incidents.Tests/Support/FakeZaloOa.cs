using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// A stand-in for Zalo's OA message API: a real HTTP listener on a free port that records every message the
/// system sends and answers as Zalo does ({"error":0,...}), or fails the next few sends when told to.
/// </summary>
public sealed class FakeZaloOa : IDisposable
{
    public sealed record Sent(string UserId, string Text, string? AccessToken);

    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<Sent> sent = new();
    private int failuresLeft;
    private int attempts;

    public FakeZaloOa()
    {
        Port = FreePort.Next();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        _ = Task.Run(Serve);
    }

    public int Port { get; }
    public Uri BaseUrl => new($"http://127.0.0.1:{Port}/");
    public IReadOnlyList<Sent> Messages => [.. sent];
    public int Attempts => Volatile.Read(ref attempts);

    /// <summary>The next <paramref name="count"/> sends get Zalo's "access token expired" answer.</summary>
    public void FailNext(int count) => Interlocked.Exchange(ref failuresLeft, count);

    public IReadOnlyList<string> To(string userId) => Messages.Where(m => m.UserId == userId).Select(m => m.Text).ToList();

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (!listener.IsListening)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }
            Interlocked.Increment(ref attempts);
            string answer;
            if (context.Request.Url?.AbsolutePath != "/v3.0/oa/message/cs")
            {
                context.Response.StatusCode = 404;
                answer = "{}";
            }
            else if (Interlocked.Decrement(ref failuresLeft) >= 0)
            {
                answer = """{"error":-216,"message":"Access token is invalid"}""";
            }
            else
            {
                using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
                sent.Enqueue(new Sent(
                    body.RootElement.GetProperty("recipient").GetProperty("user_id").GetString()!,
                    body.RootElement.GetProperty("message").GetProperty("text").GetString()!,
                    context.Request.Headers["access_token"]));
                answer = """{"error":0,"message":"Success","data":{"message_id":"MID"}}""".Replace("MID", Guid.NewGuid().ToString("N"));
            }
            var bytes = Encoding.UTF8.GetBytes(answer);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
    }
}
