using System.Net;
using System.Net.Sockets;
using System.Text;
using BacGiang.Incidents.Tests.EndToEnd;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>
/// Rate limits as a deployment behind a reverse proxy sees them (issue 13): a second API process on the system's
/// cluster with small limits, which believes X-Forwarded-For only from 127.0.0.2, the "proxy". Requests sent from
/// 127.0.0.2 are the proxy forwarding its clients; requests from 127.0.0.1 come straight from the internet.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class RateLimitTests(SystemFixture system)
{
    private const int PublicReads = 5, CitizenWrites = 2, Webhooks = 4, Global = 9, Misses = 2;
    private static readonly SemaphoreSlim Starting = new(1, 1);
    private static Uri? limitedApi;
    private static int nextClient;

    private async Task<Uri> LimitedApi()
    {
        await Starting.WaitAsync();
        try
        {
            if (limitedApi is not null) return limitedApi;
            var port = FreePort.Next();
            var environment = system.ApiEnvironment(port);
            environment["RateLimits__KnownProxies__0"] = "127.0.0.2";
            environment["RateLimits__PublicReadsPerMinute"] = PublicReads.ToString();
            environment["RateLimits__CitizenWritesPerMinute"] = CitizenWrites.ToString();
            environment["RateLimits__WebhooksPerMinutePerSource"] = Webhooks.ToString();
            environment["RateLimits__GlobalPerMinute"] = Global.ToString();
            environment["RateLimits__TrackingMissesPerHour"] = Misses.ToString();
            system.Start("rate-limited-api", SystemFixture.ApiDll, environment);
            var address = new Uri($"http://127.0.0.1:{port}");
            // Each poll as another forwarded client, so waiting for readiness uses up no one's bucket.
            using var proxy = Proxy(address);
            await Eventually.Ok(() => Send(proxy, HttpMethod.Get, "/health/ready", NewClient()));
            return limitedApi = address;
        }
        finally
        {
            Starting.Release();
        }
    }

    /// <summary>A client whose connections leave from 127.0.0.2: the configured proxy.</summary>
    private static HttpClient Proxy(Uri address) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (context, ct) =>
        {
            var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
            await socket.ConnectAsync(context.DnsEndPoint, ct);
            return new NetworkStream(socket, ownsSocket: true);
        },
    }) { BaseAddress = address };

    private static string NewClient() => $"203.0.113.{Interlocked.Increment(ref nextClient)}";

    private static Task<HttpResponseMessage> Send(HttpClient http, HttpMethod method, string path, string? forwardedFor, HttpContent? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body };
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", $"{forwardedFor}, 127.0.0.2");
        return http.SendAsync(request);
    }

    private static async Task<List<HttpStatusCode>> Statuses(int count, Func<Task<HttpResponseMessage>> send)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < count; i++)
        {
            using var response = await send();
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
                Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        return statuses;
    }

    private static List<HttpStatusCode> Expected(int allowed, HttpStatusCode status, int refused = 1) =>
        [.. Enumerable.Repeat(status, allowed), .. Enumerable.Repeat(HttpStatusCode.TooManyRequests, refused)];

    [Fact]
    public async Task Each_client_behind_the_proxy_has_its_own_bucket_for_public_listings()
    {
        using var proxy = Proxy(await LimitedApi());
        var (one, two) = (NewClient(), NewClient());
        Assert.Equal(Expected(PublicReads, HttpStatusCode.OK),
            await Statuses(PublicReads + 1, () => Send(proxy, HttpMethod.Get, "/open311/v2/requests.json", one)));
        Assert.Equal(Expected(1, HttpStatusCode.OK, refused: 0), await Statuses(1, () => Send(proxy, HttpMethod.Get, "/open311/v2/requests.json", two)));
    }

    [Fact]
    public async Task Addresses_of_one_IPv6_64_share_a_bucket_and_the_next_64_does_not()
    {
        using var proxy = Proxy(await LimitedApi());
        var prefix = $"2001:db8:{Interlocked.Increment(ref nextClient):x}";
        Assert.Equal(Expected(PublicReads, HttpStatusCode.OK), await Statuses(PublicReads + 1,
            () => Send(proxy, HttpMethod.Get, "/health/live", $"{prefix}:1::{Interlocked.Increment(ref nextClient):x}")));
        Assert.Equal(Expected(1, HttpStatusCode.OK, refused: 0), await Statuses(1, () => Send(proxy, HttpMethod.Get, "/health/live", $"{prefix}:2::1")));
    }

    [Fact]
    public async Task Forwarded_headers_from_anyone_but_the_proxy_are_ignored()
    {
        var address = await LimitedApi();
        // Straight from 127.0.0.1, a new made-up client per request: all one bucket, the socket's.
        using var direct = new HttpClient { BaseAddress = address };
        Assert.Equal(Expected(PublicReads, HttpStatusCode.OK),
            await Statuses(PublicReads + 1, () => Send(direct, HttpMethod.Get, "/api/reference", NewClient())));
    }

    [Fact]
    public async Task Tracking_codes_that_do_not_exist_lock_the_client_out_of_tracking()
    {
        using var proxy = Proxy(await LimitedApi());
        var client = NewClient();
        var statuses = await Statuses(Misses + 1, () => Send(proxy, HttpMethod.Get, $"/api/track/BG-ZZZZ-ZZ{Interlocked.Increment(ref nextClient) % 8 + 2}Z", client));
        Assert.Equal(Expected(Misses, HttpStatusCode.NotFound), statuses);
        // Reopening by code is closed to it too, though it has sent no write yet.
        using var reopen = await Send(proxy, HttpMethod.Post, "/api/track/BG-ZZZZ-ZZZZ/reopen", client, Json("""{"reason":"x"}"""));
        Assert.Equal(HttpStatusCode.TooManyRequests, reopen.StatusCode);
        Assert.Contains("did not exist", await reopen.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Webhooks_have_their_own_bucket_per_source()
    {
        using var proxy = Proxy(await LimitedApi());
        var source = NewClient();
        // Unsigned alerts are refused (401) but still counted; the source's public reads are a bucket of their own.
        Assert.Equal(Expected(Webhooks, HttpStatusCode.Unauthorized),
            await Statuses(Webhooks + 1, () => Send(proxy, HttpMethod.Post, "/api/ioc/alerts", source, Json("{}"))));
        Assert.Equal(Expected(1, HttpStatusCode.OK, refused: 0), await Statuses(1, () => Send(proxy, HttpMethod.Get, "/health/live", source)));
    }

    [Fact]
    public async Task Every_request_of_a_client_counts_against_its_global_ceiling()
    {
        using var proxy = Proxy(await LimitedApi());
        var client = NewClient();
        Assert.Equal(Expected(Webhooks, HttpStatusCode.Unauthorized, refused: 0),
            await Statuses(Webhooks, () => Send(proxy, HttpMethod.Post, "/api/ioc/alerts", client, Json("{}"))));
        Assert.Equal(Expected(CitizenWrites, HttpStatusCode.BadRequest, refused: 0),
            await Statuses(CitizenWrites, () => Send(proxy, HttpMethod.Post, "/api/reports", client, Json("{}"))));
        // No bucket of its kind is used up, yet after the ceiling the next request of any kind is refused.
        var left = Global - Webhooks - CitizenWrites;
        Assert.True(left < PublicReads);
        Assert.Equal(Expected(left, HttpStatusCode.OK), await Statuses(left + 1, () => Send(proxy, HttpMethod.Get, "/health/live", client)));
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
