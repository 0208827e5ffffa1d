using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Api.Ioc;
using BacGiang.Incidents.Tests.Support;
using Npgsql;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>IOC camera alerts through HTTP: signed deliveries, correlation per camera and type, refusals that store nothing.</summary>
[Collection(SystemCollection.Name)]
public class IocAlertTests(SystemFixture system)
{
    private static long Now => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    /// <summary>As the IOC sends it: the JSON body signed with HMAC-SHA256 over "timestamp.body".</summary>
    private Task<HttpResponseMessage> Send(object alert, string secret = SystemFixture.IocSecret, long? timestamp = null, string? signature = null)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(alert, SystemFixture.Json);
        var ts = (timestamp ?? Now).ToString(CultureInfo.InvariantCulture);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/ioc/alerts") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Add(IocApi.TimestampHeader, ts);
        request.Headers.Add(IocApi.SignatureHeader, signature ?? "sha256=" + Convert.ToHexStringLower(IocApi.Sign(secret, ts, body)));
        return system.Http.SendAsync(request);
    }

    private static object Alert(string camera, string type, double confidence = 0.93, string? plate = null, string? alertId = null) => new
    {
        cameraId = camera,
        alertType = type,
        confidence,
        at = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        snapshotUrl = $"https://ioc.example.org/snapshots/{camera}/{Guid.NewGuid():N}.jpg",
        plate,
        alertId,
    };

    private async Task<long> IncidentsFromCamera(string camera)
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM incident_events WHERE type = 'Reported' AND data -> 'report' -> 'camera' ->> 'cameraId' = $1", connection);
        command.Parameters.AddWithValue(camera);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task An_alert_storm_opens_one_incident_per_camera_and_type_with_the_alert_count_on_each()
    {
        var cameras = Enumerable.Range(101, 10).Select(n => $"BG-CAM-{n:0000}").ToList();
        var alerts = cameras.SelectMany(c => Enumerable.Range(0, 50).SelectMany(i => new[]
        {
            (Camera: c, Type: "fire", Plate: (string?)null),
            (Camera: c, Type: "illegal_parking", Plate: (string?)$"98A-{i % 3:000}.45"),
        })).ToList();
        Assert.Equal(1000, alerts.Count);

        var outcomes = new List<JsonElement>();
        foreach (var wave in alerts.Chunk(50))
        {
            var answers = await Task.WhenAll(wave.Select(async a =>
            {
                using var response = await Send(Alert(a.Camera, a.Type, plate: a.Plate));
                Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
                return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
            }));
            outcomes.AddRange(answers);
        }

        var incidents = outcomes.Select(o => o.GetProperty("incidentId").GetString()!).Distinct().ToList();
        Assert.Equal(20, incidents.Count);
        Assert.Equal(20, outcomes.Count(o => !o.GetProperty("attached").GetBoolean()));

        using var supervisor = await system.ClientFor("Supervisor");
        foreach (var id in incidents)
        {
            JsonElement incident = default;
            await Eventually.True(async () =>
            {
                incident = (await Api.Get(supervisor, $"/api/incidents/{id}")).Body;
                return incident.TryGetProperty("alerts", out var tally) && tally.ValueKind == JsonValueKind.Object && tally.GetProperty("count").GetInt32() == 50;
            }, $"incident {id} shows 50 alerts");
            var type = incident.GetProperty("alerts").GetProperty("alertType").GetString();
            Assert.Equal(type == "fire" ? "P1" : "P4", incident.GetProperty("priority").GetString());
            Assert.Equal("assigned", incident.GetProperty("status").GetString());
            if (type == "illegal_parking")
                Assert.Equal(["98A-000.45", "98A-001.45", "98A-002.45"], incident.GetProperty("alerts").GetProperty("plates").EnumerateArray().Select(p => p.GetString()).Order());
        }
    }

    [Fact]
    public async Task A_doubtful_alert_goes_to_triage_and_a_resent_alert_is_counted_once()
    {
        using var doubtful = await Send(Alert("BG-CAM-0201", "garbage_dumping", confidence: 0.31, alertId: "ioc-778"));
        var first = JsonDocument.Parse(await doubtful.Content.ReadAsStringAsync()).RootElement;
        using var again = await Send(Alert("BG-CAM-0201", "garbage_dumping", confidence: 0.31, alertId: "ioc-778"));
        var second = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(first.GetProperty("incidentId").GetString(), second.GetProperty("incidentId").GetString());
        Assert.True(second.GetProperty("repeated").GetBoolean());
        Assert.Equal(1, second.GetProperty("alertCount").GetInt32());
        using var supervisor = await system.ClientFor("Supervisor");
        var incident = (await Api.Get(supervisor, $"/api/incidents/{first.GetProperty("incidentId").GetString()}")).Body;
        Assert.Equal("received", incident.GetProperty("status").GetString());
        Assert.Contains("confidence 0.31", incident.GetProperty("triageReason").GetString());
    }

    [Fact]
    public async Task Unsigned_wrongly_signed_or_stale_alerts_are_401_and_store_nothing()
    {
        const string camera = "BG-CAM-0250";
        var alert = Alert(camera, "fire");
        foreach (var send in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => Send(alert, secret: "not-the-ioc-secret-at-all-000000"),
                     () => Send(alert, timestamp: Now - 301),
                     () => Send(alert, timestamp: Now + 301),
                     () => Send(alert, signature: "sha256=00"),
                     () =>
                     {
                         var bare = new HttpRequestMessage(HttpMethod.Post, "/api/ioc/alerts")
                             { Content = new StringContent(JsonSerializer.Serialize(alert, SystemFixture.Json), Encoding.UTF8, "application/json") };
                         return system.Http.SendAsync(bare);
                     },
                 })
        {
            using var response = await send();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
        Assert.Equal(0, await IncidentsFromCamera(camera));

        using var bad = await Send(new { cameraId = "BG-CAM-9999", alertType = "volcano", confidence = 2.0 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.All(new[] { "cameraId", "alertType", "confidence", "at" }, f => Assert.True(problem.TryGetProperty(f, out _), f));
    }
}
