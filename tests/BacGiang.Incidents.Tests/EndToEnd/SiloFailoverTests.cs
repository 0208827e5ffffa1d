using System.Net;
using System.Text.Json;
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
    private const string ServiceId = "failover";
    // How the API writes a NodaTime Duration (NodaTime.Serialization.SystemTextJson's pattern).
    private static readonly NodaTime.Text.DurationPattern JsonDuration = NodaTime.Text.DurationPattern.CreateWithInvariantCulture("-H:mm:ss.FFFFFFFFF");
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

    private ClusterProcesses Cluster => new(processes, connectionString, data.Directory, clusterId, ServiceId);

    [Fact]
    public async Task Killing_one_of_two_silos_loses_no_report_and_every_due_step_still_fires_once()
    {
        Cluster.StartSilo("silo-a");
        var (siloB, siloBPort) = Cluster.StartSilo("silo-b");
        var api = Cluster.StartApi();
        using var http = new HttpClient { BaseAddress = api };
        await Eventually.Ok(() => http.GetAsync("/health/ready"));
        await Eventually.Ok(async () =>
        {
            var health = await http.GetStringAsync("/health/ready");
            return new HttpResponseMessage(health.Contains("2 active silo") ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        });

        // Where each incident lives, as the cluster's directory says (not the silos' log wording).
        var ids = new List<string>();
        var onB = 0;
        await using (var cluster = await ClusterClientHost.ConnectAsync(connectionString, clusterId, ServiceId))
        {
            while (ids.Count < AtLeast || (onB < OnKilledSiloAtLeast && ids.Count < AtMost))
            {
                var (response, body) = await Api.Post(http, "/api/reports",
                    new { category = "fire", description = $"Cháy số {ids.Count}", communeCode = Reports.DaiSon }, idempotencyKey: $"{clusterId}-{ids.Count}");
                Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                var id = body.GetProperty("incidentId").GetString()!;
                ids.Add(id);
                if (await cluster.SiloPortOf(cluster.Client.GetGrain<IIncidentGrain>(id)) == siloBPort) onB++;
            }
        }
        var incidents = ids.Count;
        log.WriteLine($"{onB} of {incidents} incidents were activated on the silo about to be killed");
        Assert.True(onB > 0, "no incident lived on the silo to be killed; the test would prove nothing");

        ProcessGroup.Kill(siloB);

        // Every incident's first acknowledgement step falls due 20 s after filing; wait until each has fired.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await Eventually.True(async () => (await IncidentEventRows.CountOfType(connectionString, ids, "EscalationRaised")).Count == incidents,
            "every incident's first escalation step fired", timeoutSeconds: 240);

        // Counted in each incident's own history, where a step fired twice would be two events (the escalations
        // table's key on the step would fold them into one row).
        using var supervisor = await TokenClient(http);
        var lateness = new List<long>();
        foreach (var id in ids)
        {
            Assert.Equal(HttpStatusCode.OK, (await supervisor.GetAsync($"/api/incidents/{id}")).StatusCode);
            var (_, timeline) = await Api.Get(supervisor, $"/api/incidents/{id}/timeline");
            var raised = timeline.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "EscalationRaised").ToList();
            var steps = raised.Select(Step).ToList();
            Assert.True(steps.Distinct().Count() == steps.Count, $"{id}: a step fired more than once: {string.Join(", ", steps)}");
            Assert.Single(steps, ("ack", 0, 1, 0)); // the first run of the ack clock is round 0
            lateness.Add((long)JsonDuration.Parse(raised[0].GetProperty("lateness").GetString()!).Value.TotalMilliseconds);
        }
        lateness.Sort();
        log.WriteLine($"after SIGKILL {incidents}/{incidents} first steps fired within {waited.Elapsed.TotalSeconds:F0} s; lateness ms: " +
                      $"min {lateness[0]}, median {lateness[lateness.Count / 2]}, max {lateness[^1]}");
        Console.WriteLine($"[failover] {onB}/{incidents} incidents on the killed silo; each first step fired once; max lateness {lateness[^1]} ms");
    }

    private static (string Kind, int Round, int Level, int Repeat) Step(JsonElement e) =>
        (e.GetProperty("kind").GetString()!, e.GetProperty("round").GetInt32(), e.GetProperty("level").GetInt32(), e.GetProperty("repeat").GetInt32());

    private static async Task<HttpClient> TokenClient(HttpClient http)
    {
        var (_, token) = await Api.Post(http, "/dev/token", new { role = "Supervisor" });
        var client = new HttpClient { BaseAddress = http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }
}
