using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>Small helpers for talking JSON to the running API.</summary>
public static class Api
{
    private static int reports;

    /// <summary>
    /// A report somewhere new each time: reports of one category within 150 m of each other are one incident, which
    /// tests of other things must not trip over. The grid over the former Bắc Giang has rows 1.1 km apart (tests place
    /// a second report up to 400 m north of a point) and columns 200 m apart: 20,000 points, since one test files
    /// reports as fast as the intake takes them for half a minute. A grid that wrapped round would put later tests'
    /// reports into earlier tests' incidents, so running out is an error.
    /// </summary>
    public static object GarbageReport(string commune = "07627", string description = "Rác thải đổ trộm ven đường") => GarbageReportAt(NextPoint(), commune, description);

    public static (double Lat, double Lon) NextPoint()
    {
        const int Rows = 40, Columns = 500;
        var n = Interlocked.Increment(ref reports);
        if (n >= Rows * Columns) throw new InvalidOperationException($"The test grid's {Rows * Columns} points are used up.");
        return (Math.Round(21.15 + n % Rows * 0.01, 4), Math.Round(105.95 + n / Rows * 0.002, 4));
    }

    public static object GarbageReportAt((double Lat, double Lon) at, string commune = "07627", string description = "Rác thải đổ trộm ven đường",
        string[]? photos = null) => new
    {
        category = "garbage_dumping",
        description,
        lat = at.Lat,
        lon = at.Lon,
        communeCode = commune,
        address = "Thôn Đồng Gianh",
        photos = photos ?? new[] { "https://example.org/photo-1.jpg" },
        reporter = new { name = "Trần Thị B", phone = "0912 345 678" },
    };

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> Post(HttpClient client, string path, object? body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null) request.Content = JsonContent.Create(body);
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        var response = await client.SendAsync(request);
        return (response, await Read(response));
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> PostRaw(HttpClient client, string path, string json)
    {
        var response = await client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        return (response, await Read(response));
    }

    public static async Task<(HttpResponseMessage Response, JsonElement Body)> Get(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        return (response, await Read(response));
    }

    /// <summary>
    /// A GET as a well-behaved client makes it: a 503 (a node just died and the cluster has not settled; the API
    /// says when to retry) is retried after its Retry-After, a few times at most.
    /// </summary>
    public static async Task<(HttpResponseMessage Response, JsonElement Body, int Retries)> GetRetryingUnavailable(HttpClient client, string path, int attempts = 6)
    {
        for (var retries = 0; ; retries++)
        {
            var (response, body) = await Get(client, path);
            if (response.StatusCode != System.Net.HttpStatusCode.ServiceUnavailable || retries + 1 == attempts) return (response, body, retries);
            await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
        }
    }

    public static async Task<string> FileReport(HttpClient client, string commune = "07627")
    {
        var (response, body) = await Post(client, "/api/reports", GarbageReport(commune));
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
        return body.GetProperty("incidentId").GetString()!;
    }

    public static IEnumerable<string> InboxIds(JsonElement list) =>
        list.GetProperty("incidents").EnumerateArray().Select(i => i.GetProperty("incidentId").GetString()!);

    private static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }
}
