using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using BacGiang.Incidents.Tests.Support;
using Npgsql;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>
/// What a caller sees while a silo dies: two silo processes and the API, eight clients filing reports without pause
/// (half with an Idempotency-Key, retrying a 503 with it as a client should; half without, not retrying), one silo
/// killed with SIGKILL. Asserted: no accepted report is lost and none became two incidents. Measured and printed,
/// never asserted (a loaded machine's timings say little): 503s, the longest request and the window in which
/// requests failed or took over 2 s. <c>FAILOVER_BASELINE=1</c> runs it with Orleans' probe defaults and no retry
/// in the intake, for a before/after comparison.
/// </summary>
public sealed class FailoverWindowTests(ITestOutputHelper log) : IAsyncLifetime
{
    private const string ServiceId = "failover-window";
    private const int Clients = 8;
    private static readonly TimeSpan After = TimeSpan.FromSeconds(20), Slow = TimeSpan.FromSeconds(2);
    // FAILOVER_SOAK_SECONDS lengthens the load before the kill, to count false suspicions between two live silos.
    private static readonly TimeSpan Before = TimeSpan.FromSeconds(int.TryParse(Environment.GetEnvironmentVariable("FAILOVER_SOAK_SECONDS"), out var s) ? s : 5);
    private static readonly bool Baseline = Environment.GetEnvironmentVariable("FAILOVER_BASELINE") == "1";
    private readonly DataCopy data = new();
    private readonly ProcessGroup processes = new();
    private readonly string clusterId = "window-" + Guid.NewGuid().ToString("N")[..8];
    private string connectionString = "";

    private sealed record Sent(int Client, string Description, bool Keyed, double StartS, double Seconds, int Status, string? IncidentId);

    public async Task InitializeAsync() => connectionString = await TestPostgres.CreateDatabaseAsync("window");

    public async Task DisposeAsync()
    {
        processes.Dispose();
        data.Dispose();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    private ClusterProcesses Cluster => new(processes, connectionString, data.Directory, clusterId, ServiceId);

    private (Process Process, int SiloPort) StartSilo(string name) =>
        Cluster.StartSilo(name, Baseline ? new Dictionary<string, string> { ["Silo__ProbeTimeoutSeconds"] = "5", ["Silo__MissedProbesLimit"] = "3" } : null);

    [Fact]
    public async Task Killing_one_of_two_silos_under_load_loses_no_report_and_files_none_twice()
    {
        StartSilo("silo-a");
        var (siloB, siloBPort) = StartSilo("silo-b");
        var api = Cluster.StartApi(Baseline ? new Dictionary<string, string> { ["Intake__RetryBudget"] = "00:00:00" } : null);
        using var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) };
        await Eventually.Ok(async () =>
        {
            var health = await http.GetStringAsync("/health/ready");
            return new HttpResponseMessage(health.Contains("2 active silo") ? HttpStatusCode.OK : HttpStatusCode.ServiceUnavailable);
        });

        var sent = new ConcurrentBag<Sent>();
        var clock = Stopwatch.StartNew();
        var killedAt = 0.0;
        using var stop = new CancellationTokenSource();
        var clients = Enumerable.Range(0, Clients).Select(client => Task.Run(async () =>
        {
            var keyed = client % 2 == 0;
            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                // Unlocated, so no report joins another as a duplicate of the same thing; the description names it.
                var description = $"fw {clusterId} c{client} r{n}";
                var body = new { category = "fire", description, communeCode = Reports.DaiSon };
                for (var retry = 0; ; retry++)
                {
                    var start = clock.Elapsed;
                    var status = 0;
                    string? id = null;
                    try
                    {
                        var (response, answer) = await Api.Post(http, "/api/reports", body, keyed ? $"{clusterId}-{client}-{n}" : null);
                        status = (int)response.StatusCode;
                        if (response.StatusCode == HttpStatusCode.Created) id = answer.GetProperty("incidentId").GetString();
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                    {
                        status = -1;
                    }
                    sent.Add(new Sent(client, description, keyed, start.TotalSeconds, (clock.Elapsed - start).TotalSeconds, status, id));
                    // A keyed client retries a 503 with its key, as the API's Retry-After asks; the others give up.
                    if (status != 503 || !keyed || retry >= 5 || stop.IsCancellationRequested) break;
                    await Task.Delay(TimeSpan.FromSeconds(1));
                }
            }
        })).ToList();

        await Task.Delay(Before);
        killedAt = clock.Elapsed.TotalSeconds;
        var killedAtUtc = DateTime.UtcNow;
        ProcessGroup.Kill(siloB);
        await Task.Delay(After);
        await stop.CancelAsync();
        await Task.WhenAll(clients);

        var all = sent.ToList();
        var accepted = all.Where(s => s.IncidentId is not null).ToList();
        Assert.NotEmpty(accepted);

        // Lost: an accepted report whose incident the API cannot show.
        using var supervisor = await SupervisorClient(http);
        var lost = new List<string>();
        foreach (var id in accepted.Select(s => s.IncidentId!).Distinct())
        {
            var (response, _, _) = await Api.GetRetryingUnavailable(supervisor, $"/api/incidents/{id}");
            if (response.StatusCode != HttpStatusCode.OK) lost.Add(id);
        }
        // Duplicates: one client report stored as more than one incident (a retry that made a second). Counted once
        // the read model holds every accepted report.
        var stored = new Dictionary<string, int>();
        await Eventually.True(async () =>
        {
            stored = await IncidentsByDescription($"fw {clusterId} %");
            return accepted.All(s => stored.ContainsKey(s.Description));
        }, "every accepted report is in the read model", timeoutSeconds: 60);
        var duplicates = stored.Where(d => d.Value > 1).Select(d => d.Key).ToList();

        // What the probe settings cost: votes in the membership table against a silo that was alive when cast.
        var votes = await SuspicionVotes();
        var falseVotes = votes.Count(v => v.SiloPort != siloBPort || v.At < killedAtUtc.AddSeconds(-1));
        var deathVotes = votes.Where(v => v.SiloPort == siloBPort && v.At >= killedAtUtc.AddSeconds(-1)).Select(v => (v.At - killedAtUtc).TotalSeconds).ToList();

        var bad = all.Where(s => s.Status != 201 || s.Seconds > Slow.TotalSeconds).ToList();
        var window = bad.Count == 0 ? 0 : bad.Max(s => s.StartS + s.Seconds) - bad.Min(s => s.StartS);
        var line = $"Failover: {(Baseline ? "baseline (Orleans probe defaults, no intake retry)" : "probe 2 s x 2 missed, intake retry 4 s")}; " +
                   $"{all.Count} requests from {Clients} clients in {Before.TotalSeconds:0} s before and {After.TotalSeconds:0} s after the kill, {accepted.Count} accepted, lost {lost.Count}, duplicates {duplicates.Count}, " +
                   $"503 {all.Count(s => s.Status == 503)}, other failures {all.Count(s => s.Status is not (201 or 503))}, " +
                   $"over {Slow.TotalSeconds:0} s {all.Count(s => s.Seconds > Slow.TotalSeconds)}, longest {all.Max(s => s.Seconds):0.0} s, " +
                   $"window {window:0.0} s (from {(bad.Count == 0 ? 0 : bad.Min(s => s.StartS) - killedAt):0.0} s after the kill); " +
                   $"killed silo voted dead {(deathVotes.Count == 0 ? "(no vote left in the table)" : $"{deathVotes.Min():0.0} s after the kill")}, " +
                   $"votes against live silos {falseVotes}; load average {LoadAverage()}";
        log.WriteLine(line);
        Console.WriteLine(line);
        foreach (var (port, at) in votes) log.WriteLine($"  vote against silo port {port}{(port == siloBPort ? " (killed)" : "")} at {(at - killedAtUtc).TotalSeconds:0.0} s from the kill");
        foreach (var s in bad.OrderBy(s => s.StartS).Take(40))
            log.WriteLine($"  +{s.StartS - killedAt:0.00} s client {s.Client} ({(s.Keyed ? "key" : "no key")}): {s.Status} in {s.Seconds:0.00} s");

        Assert.True(lost.Count == 0, $"accepted but missing: {string.Join(", ", lost.Take(20))}");
        Assert.True(duplicates.Count == 0, $"filed twice: {string.Join(", ", duplicates.Take(20))}");
    }

    private async Task<Dictionary<string, int>> IncidentsByDescription(string like)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT description, count(*)::int FROM incidents WHERE description LIKE $1 GROUP BY description", connection);
        command.Parameters.AddWithValue(like);
        await using var reader = await command.ExecuteReaderAsync();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        while (await reader.ReadAsync()) counts[reader.GetString(0)] = reader.GetInt32(1);
        return counts;
    }

    /// <summary>Every suspicion vote in the membership table: whose, and when it was cast (UTC).</summary>
    private async Task<List<(int SiloPort, DateTime At)>> SuspicionVotes()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT port, suspecttimes FROM orleansmembershiptable WHERE deploymentid = $1 AND suspecttimes IS NOT NULL", connection);
        command.Parameters.AddWithValue(clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var votes = new List<(int, DateTime)>();
        while (await reader.ReadAsync())
            foreach (var vote in reader.GetString(1).Split('|', StringSplitOptions.RemoveEmptyEntries))
            {
                // "<voter>,<yyyy-MM-dd HH:mm:ss.fff GMT>" as Orleans writes it.
                var at = vote[(vote.LastIndexOf(',') + 1)..].Replace("GMT", "").Trim();
                votes.Add((reader.GetInt32(0), DateTime.TryParse(at, System.Globalization.CultureInfo.InvariantCulture,
                    System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : DateTime.MinValue));
            }
        return votes;
    }

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<HttpClient> SupervisorClient(HttpClient http)
    {
        var (_, token) = await Api.Post(http, "/dev/token", new { role = "Supervisor" });
        var client = new HttpClient { BaseAddress = http.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());
        return client;
    }
}
