using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>
/// A rolling upgrade at small scale, as deploy/local/roll.sh does it: three silo processes, each stopped gracefully
/// (SIGTERM) and started again in turn, waiting for the API to see three active silos before the next, while clients
/// keep filing reports whose first escalation step falls due 20 s later. Asserted: every accepted report is there and
/// every due step fired, once. Printed, not asserted: 503s, the longest request, the steps' lateness.
/// </summary>
public sealed class RollingUpgradeTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const string ServiceId = "rolling";
    private const int Silos = 3;
    // CI's scale by default; ROLLING_CLIENTS and ROLLING_PAUSE_MS run it larger by hand (README's figures).
    private static readonly int Clients = int.TryParse(Environment.GetEnvironmentVariable("ROLLING_CLIENTS"), out var c) ? c : 4;
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("ROLLING_PAUSE_MS"), out var p) ? p : 200);
    private static readonly NodaTime.Text.DurationPattern JsonDuration = NodaTime.Text.DurationPattern.CreateWithInvariantCulture("-H:mm:ss.FFFFFFFFF");
    private readonly DataCopy data = new DataCopy().WithPolicy("fire,P1", "fire,P1,24x7,PT20S,PT1H,urgent-ack,urgent-resolve,false");
    private readonly ProcessGroup processes = new();
    private readonly string clusterId = "rolling-" + Guid.NewGuid().ToString("N")[..8];
    private string connectionString = "";

    public async Task InitializeAsync() => connectionString = await TestPostgres.CreateDatabaseAsync("rolling");

    public async Task DisposeAsync()
    {
        processes.Dispose();
        data.Dispose();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    private ClusterProcesses Cluster => new(processes, connectionString, data.Directory, clusterId, ServiceId);

    private Process StartSilo(int i, int siloPort, int gatewayPort) => Cluster.StartSilo($"silo-{i}", siloPort, gatewayPort);

    [Fact]
    public async Task Restarting_three_silos_one_by_one_under_load_loses_no_report_and_every_due_step_fires_once()
    {
        var ports = Enumerable.Range(0, Silos).Select(_ => (Silo: FreePort.Next(), Gateway: FreePort.Next())).ToArray();
        var silos = ports.Select((p, i) => StartSilo(i, p.Silo, p.Gateway)).ToArray();
        var api = Cluster.StartApi();
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
        await ActiveSilos(http, Silos);

        var accepted = new ConcurrentBag<string>();
        var requests = new ConcurrentBag<(int Status, double Seconds)>();
        using var stop = new CancellationTokenSource();
        var load = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var body = new { category = "fire", description = $"Cháy {client}-{n}", communeCode = Reports.DaiSon };
                for (var retry = 0; retry < 10; retry++)
                {
                    var clock = Stopwatch.StartNew();
                    var (response, answer) = await Api.Post(http, "/api/reports", body, idempotencyKey: $"{clusterId}-{client}-{n}");
                    requests.Add(((int)response.StatusCode, clock.Elapsed.TotalSeconds));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        accepted.Add(answer.GetProperty("incidentId").GetString()!);
                        break;
                    }
                    Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
                // A steady load, not a flood: each incident's steps are read back one by one afterwards.
                await Task.Delay(Pause);
            }
        })).ToList();

        // Long enough that the steps of the reports filed so far fall due (20 s after filing) while silos restart.
        await Task.Delay(TimeSpan.FromSeconds(12));
        var rolled = Stopwatch.StartNew();
        for (var i = 0; i < Silos; i++)
        {
            var restart = Stopwatch.StartNew();
            using (var term = Process.Start("kill", ["-TERM", silos[i].Id.ToString()])) await term.WaitForExitAsync();
            Assert.True(silos[i].WaitForExit(TimeSpan.FromSeconds(60)), $"silo {i} did not stop within 60 s of SIGTERM");
            await ActiveSilos(http, Silos - 1);
            silos[i] = StartSilo(i, ports[i].Silo, ports[i].Gateway);
            await ActiveSilos(http, Silos);
            log.WriteLine($"silo {i} stopped, restarted and rejoined in {restart.Elapsed.TotalSeconds:0.0} s");
        }
        var rollSeconds = rolled.Elapsed.TotalSeconds;
        await Task.Delay(TimeSpan.FromSeconds(3));
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var ids = accepted.Distinct().ToList();
        Assert.NotEmpty(ids);
        await Eventually.True(async () => (await IncidentEventRows.CountOfType(connectionString, ids, "EscalationRaised")).Count == ids.Count,
            "every incident's first escalation step fired", timeoutSeconds: 240);

        using var supervisor = await SupervisorClient(http);
        var lateness = new List<long>();
        foreach (var id in ids)
        {
            var (response, timeline, _) = await Api.GetRetryingUnavailable(supervisor, $"/api/incidents/{id}/timeline");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var raised = timeline.EnumerateArray().Where(e => e.GetProperty("type").GetString() == "EscalationRaised").ToList();
            var steps = raised.Select(Step).ToList();
            Assert.True(steps.Distinct().Count() == steps.Count, $"{id}: a step fired more than once: {string.Join(", ", steps)}");
            Assert.Single(steps, ("ack", 0, 1, 0));
            lateness.Add((long)JsonDuration.Parse(raised[0].GetProperty("lateness").GetString()!).Value.TotalMilliseconds);
        }
        lateness.Sort();
        var all = requests.ToList();
        var line = $"Rolling upgrade: {Silos} silos restarted one by one in {rollSeconds:0} s under {Clients} clients; {ids.Count} accepted, lost 0, " +
                   $"{ids.Count}/{ids.Count} first steps fired once; 503 {all.Count(r => r.Status == 503)} of {all.Count} requests, " +
                   $"longest {all.Max(r => r.Seconds):0.0} s; step lateness ms median {lateness[lateness.Count / 2]}, max {lateness[^1]}; load average " +
                   (File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown");
        log.WriteLine(line);
        Console.WriteLine(line);
    }

    /// <summary>Waits until the API's readiness names exactly <paramref name="count"/> active silos.</summary>
    private static Task ActiveSilos(HttpClient http, int count) => Eventually.True(async () =>
    {
        try
        {
            return System.Text.RegularExpressions.Regex.IsMatch(await http.GetStringAsync("/health/ready"), $@"(^|\D){count} active silo");
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }, $"{count} active silos", timeoutSeconds: 120);

    private static (string Kind, int Round, int Level, int Repeat) Step(JsonElement e) =>
        (e.GetProperty("kind").GetString()!, e.GetProperty("round").GetInt32(), e.GetProperty("level").GetInt32(), e.GetProperty("repeat").GetInt32());

    private static async Task<HttpClient> SupervisorClient(HttpClient http)
    {
        var (_, token) = await Api.Post(http, "/dev/token", new { role = "Supervisor" });
        var client = new HttpClient { BaseAddress = http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }
}
