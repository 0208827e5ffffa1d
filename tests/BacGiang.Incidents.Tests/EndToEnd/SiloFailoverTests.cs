using System.Net;
using BacGiang.Incidents.Tests.Support;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>
/// Two silo processes on real PostgreSQL; one is killed with SIGKILL while incidents with pending deadlines
/// live on it. Every accepted report must still be there and every due escalation step must still fire, once.
/// </summary>
public sealed class SiloFailoverTests(ITestOutputHelper log) : IAsyncLifetime
{
    // Filed until enough live on the silo to be killed: placement decides where, and a young two-silo cluster
    // may place the first ones all on one side.
    private const int AtLeast = 30, OnKilledSiloAtLeast = 10, AtMost = 300;
    // Fires must be acknowledged within 20 s here (5 min in the shipped data), so the test sees deadlines pass.
    private readonly DataCopy data = new DataCopy().WithPolicy("fire,P1", "fire,P1,24x7,PT20S,PT1H,urgent-ack,urgent-resolve,false");
    private readonly ProcessGroup processes = new();
    private readonly string clusterId = "failover-" + Guid.NewGuid().ToString("N")[..8];
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestPostgres.CreateDatabaseAsync("failover");

    public async Task DisposeAsync()
    {
        processes.Dispose();
        data.Dispose();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    private Dictionary<string, string> Common() => new()
    {
        ["ConnectionStrings__Incidents"] = connectionString,
        ["ReferenceData__Directory"] = data.Directory,
    };

    private System.Diagnostics.Process StartSilo(string name) => processes.Start(name, ProcessGroup.SiloDll, new Dictionary<string, string>(Common())
    {
        ["Silo__ClusterId"] = clusterId,
        ["Silo__ServiceId"] = "failover",
        ["Silo__SiloPort"] = FreePort.Next().ToString(),
        ["Silo__GatewayPort"] = FreePort.Next().ToString(),
    });

    [Fact]
    public async Task Killing_one_of_two_silos_loses_no_report_and_every_due_step_still_fires_once()
    {
        StartSilo("silo-a");
        var siloB = StartSilo("silo-b");
        var apiPort = FreePort.Next();
        processes.Start("api", ProcessGroup.ApiDll, new Dictionary<string, string>(Common())
        {
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__ServiceId"] = "failover",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{apiPort}",
            ["Auth__SigningKey"] = "failover-tests-signing-key-0123456789abcdef",
            ["Auth__DevTokens__Enabled"] = "true",
            ["Intake__IdempotencySecret"] = "failover-idempotency-secret",
            ["Intake__PermitsPerMinutePerClient"] = "100000",
        });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}") };
        await Eventually.Ok(() => http.GetAsync("/health/ready"));
        await Eventually.Ok(async () =>
        {
            var health = await http.GetStringAsync("/health/ready");
            return new HttpResponseMessage(health.Contains("2 active silo") ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        });

        var ids = new List<string>();
        int OnB() => ids.Count(id => processes.OutputOf("silo-b").Contains($"Incident {id} filed", StringComparison.Ordinal));
        while (ids.Count < AtLeast || (OnB() < OnKilledSiloAtLeast && ids.Count < AtMost))
        {
            var (response, body) = await Api.Post(http, "/api/reports",
                new { category = "fire", description = $"Cháy số {ids.Count}", communeCode = Reports.DaiSon }, idempotencyKey: $"{clusterId}-{ids.Count}");
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            ids.Add(body.GetProperty("incidentId").GetString()!);
        }
        var onB = OnB();
        var incidents = ids.Count;
        log.WriteLine($"{onB} of {incidents} incidents were activated on the silo about to be killed");
        Assert.True(onB > 0, "no incident lived on the silo to be killed; the test would prove nothing");

        ProcessGroup.Kill(siloB);

        // Every incident's first acknowledgement step falls due 20 s after filing; wait until each is recorded.
        var rows = new Dictionary<string, EscalationRow>();
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (rows.Count < incidents && waited.Elapsed < TimeSpan.FromMinutes(4))
        {
            foreach (var id in ids.Where(id => !rows.ContainsKey(id)))
            {
                var recorded = await EscalationRows.For(connectionString, id);
                if (recorded.Count > 0) rows[id] = Assert.Single(recorded);
            }
            await Task.Delay(500);
        }

        Assert.Equal(incidents, rows.Count);
        Assert.All(rows.Values, r => Assert.Equal(("ack", 1, 0), (r.Kind, r.Level, r.Repeat)));
        var lateness = rows.Values.Select(r => r.LatenessMs).Order().ToList();
        log.WriteLine($"after SIGKILL {rows.Count}/{incidents} due steps fired within {waited.Elapsed.TotalSeconds:F0} s; lateness ms: " +
                      $"min {lateness[0]}, median {lateness[lateness.Count / 2]}, max {lateness[^1]}");
        Console.WriteLine($"[failover] {onB}/{incidents} incidents on the killed silo; steps fired {rows.Count}/{incidents}; max lateness {lateness[^1]} ms");

        using var supervisor = await TokenClient(http);
        foreach (var id in ids)
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/incidents/{id}")).StatusCode);
    }

    private static async Task<HttpClient> TokenClient(HttpClient http)
    {
        var (_, token) = await Api.Post(http, "/dev/token", new { role = "Supervisor" });
        var client = new HttpClient { BaseAddress = http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }
}
