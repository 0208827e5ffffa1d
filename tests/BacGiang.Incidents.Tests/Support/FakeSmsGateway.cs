using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Silo.Notifications;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// A stand-in for eSMS's send API on a real HTTP listener. Like the real one it refuses to send a RequestId twice
/// (answering the first SMSID again), so <see cref="Delivered"/> counts what would reach handsets. It can be taken
/// down (503) for a while, and it posts a delivery report to the CallbackUrl of each message it sends.
/// </summary>
public sealed class FakeSmsGateway : LocalHttpServer
{
    public sealed record Sms(string RequestId, string Phone, string Content, string SmsId);

    private readonly ConcurrentDictionary<string, Sms> delivered = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> requests = new();
    private readonly HttpClient callbacks = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
    private long downUntilMs;
    private int refusedWhileDown;

    public IReadOnlyList<Sms> Delivered => [.. delivered.Values];
    /// <summary>Every send request that reached the gateway, by RequestId, repeats included.</summary>
    public IReadOnlyList<string> Requests => [.. requests];
    public int RefusedWhileDown => Volatile.Read(ref refusedWhileDown);

    public IReadOnlyList<Sms> To(string phone) => Delivered.Where(s => s.Phone == phone).ToList();

    /// <summary>Refuses every send (HTTP 503) for <paramref name="outage"/>, by its own clock, then serves again.</summary>
    public void GoDownFor(TimeSpan outage) => Interlocked.Exchange(ref downUntilMs, clock.ElapsedMilliseconds + (long)outage.TotalMilliseconds);

    public bool IsDown => clock.ElapsedMilliseconds < Interlocked.Read(ref downUntilMs);

    protected override async Task Handle(HttpListenerRequest request, HttpListenerResponse response)
    {
        if (request.Url?.AbsolutePath != EsmsGateway.SendPath)
        {
            response.StatusCode = 404;
            return;
        }
        if (IsDown)
        {
            Interlocked.Increment(ref refusedWhileDown);
            response.StatusCode = 503;
            return;
        }
        using var body = await JsonDocument.ParseAsync(request.InputStream);
        var root = body.RootElement;
        string Field(string name) => root.TryGetProperty(name, out var v) ? v.GetString() ?? "" : "";
        var requestId = Field("RequestId");
        requests.Enqueue(requestId);
        var sms = delivered.GetOrAdd(requestId, id => new Sms(id, Field("Phone"), Field("Content"), Guid.NewGuid().ToString("N")));
        await Text(response, "application/json", JsonSerializer.Serialize(new { CodeResult = "100", SMSID = sms.SmsId, ErrorMessage = (string?)null }));
        if (Field("CallbackUrl") is { Length: > 0 } callback)
            _ = Task.Run(async () =>
            {
                try
                {
                    using var report = await callbacks.PostAsync(callback, new FormUrlEncodedContent(new Dictionary<string, string>
                    {
                        ["SMSID"] = sms.SmsId, ["SendStatus"] = "5",
                    }));
                }
                catch (HttpRequestException)
                {
                    // The API may be restarting; the real gateway would retry, this one does not need to.
                }
            });
    }
}
