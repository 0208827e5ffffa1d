using System.Diagnostics;
using BacGiang.Incidents;
using BacGiang.Incidents.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using BacGiang.Incidents.Bench;
using static BacGiang.Incidents.Bench.BenchSupport;

// SLA benchmark (DESIGN.md §10): N open incidents on one silo (100,000) or several (1,000,000 on two) backed by
// PostgreSQL, acknowledgement deadlines spread over the minutes it takes to file them; measures how late each first
// escalation step fires, how many fired against how many were due, and each silo's memory. Not part of the test run.
//   dotnet run -c Release --project bench/SlaBench -- [incidents=100000] [ackSeconds=180] [concurrency=64] [silos=1]
var incidents = args.Length > 0 ? int.Parse(args[0]) : 100_000;
var ackSeconds = args.Length > 1 ? int.Parse(args[1]) : 180;
var concurrency = args.Length > 2 ? int.Parse(args[2]) : 64;
var siloCount = args.Length > 3 ? int.Parse(args[3]) : 1;

var repo = FindRepo();
var siloDll = BuiltDll(repo, "Silo");

Console.WriteLine($"SLA benchmark: {incidents:N0} incidents on {siloCount} silo(s), acknowledge within {ackSeconds} s, {concurrency} filings in flight");
var admin = StartPostgres(repo);
var database = $"slabench_{Environment.ProcessId}";
await Sql(admin, $"DROP DATABASE IF EXISTS {database}");
await Sql(admin, $"CREATE DATABASE {database}");
var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 50 }.ConnectionString;

// Every policy: 24x7, acknowledge within ackSeconds; the first ladder step falls due at the deadline.
var data = Path.Combine(Path.GetTempPath(), $"slabench-data-{Environment.ProcessId}");
CopyDirectory(Path.Combine(repo, "data"), data);
File.WriteAllLines(Path.Combine(data, "sla-policies.csv"),
    new[] { "category,priority,calendar,acknowledge,resolve,ack_ladder,resolve_ladder,pause_while_waiting" }
        .Concat(Enum.GetValues<Priority>().Select(p => $"*,{p},24x7,PT{ackSeconds}S,PT4H,urgent-ack,urgent-resolve,false")));

var certificates = Certificates(repo);
var siloEnv = new Dictionary<string, string>(certificates.Silo)
{
    ["ConnectionStrings__Incidents"] = cs,
    ["ReferenceData__Directory"] = data,
    ["Silo__ClusterId"] = "slabench",
    ["Silo__ServiceId"] = "slabench",
    // One warning per escalation would make this a logging benchmark.
    ["Serilog__MinimumLevel__Override__BacGiang.Incidents.Grains"] = "Error",
};
Run("dotnet", [siloDll, "migrate"], siloEnv);
var baselineTps = PgbenchTps(admin);

// Each further silo takes the next silo and gateway ports, as run.sh's SILOS does.
const int FirstSiloPort = 21111, FirstGatewayPort = 40000;
var silos = Enumerable.Range(0, siloCount).Select(n => Start(siloDll,
    new Dictionary<string, string>(siloEnv) { ["Silo__SiloPort"] = $"{FirstSiloPort + n}", ["Silo__GatewayPort"] = $"{FirstGatewayPort + n}" },
    Path.Combine(repo, ".local", "logs", n == 0 ? "bench-silo.log" : $"bench-silo-{n}.log"))).ToList();
string SiloRss() => string.Join(" + ", silos.Select(s => Rss(s.Id)).Select(r => $"{r.Rss / 1024} MiB ({r.Peak / 1024} MiB)"));
try
{
    var (app, cluster) = await BenchCluster.Connect(cs, "slabench", certificates, siloCount);
    using var host = app;

    var communes = File.ReadLines(Path.Combine(data, "units", "2025-07-01_bac-ninh-two-tier.csv")).Skip(1)
        .Select(l => l.Split(',')[0]).Where(c => c.StartsWith("07", StringComparison.Ordinal)).ToArray();
    var categories = File.ReadLines(Path.Combine(data, "categories.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();

    Console.WriteLine($"Filing {incidents:N0} incidents across {communes.Length} communes and {categories.Length} categories...");
    var filing = Stopwatch.StartNew();
    var next = -1;
    var codesTaken = 0;
    var workers = Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < incidents)
        {
            var report = new ReportDetails
            {
                Category = categories[i % categories.Length],
                Description = $"Benchmark incident {i}",
                CommuneCode = communes[i % communes.Length],
                Channel = "bench",
            };
            FileResult result;
            // A code already taken (a million random codes meet one in their space more often than not) draws
            // another, as the API does.
            while ((result = await cluster.GetGrain<IIncidentGrain>(TrackingCode.NewRandom().Value).File(report, Actor.Citizen("bench"))).Outcome
                   == FileOutcome.CodeTaken)
                Interlocked.Increment(ref codesTaken);
            if (result.Outcome != FileOutcome.Created) throw new InvalidOperationException($"Filing {i}: {result.Outcome}");
        }
    }).ToList();
    await Task.WhenAll(workers);
    filing.Stop();
    var filedPerSecond = incidents / filing.Elapsed.TotalSeconds;
    Console.WriteLine($"Filed in {filing.Elapsed.TotalSeconds:F1} s ({filedPerSecond:F0}/s), {codesTaken} random codes found taken and drawn again; silo RSS (peak so far) {SiloRss()}");

    // Wait for every first step to be recorded, or until it is plainly not going to happen.
    var giveUp = Stopwatch.StartNew();
    long fired = 0;
    while (giveUp.Elapsed < TimeSpan.FromSeconds(ackSeconds + 300))
    {
        fired = await Scalar(cs, "SELECT count(*) FROM escalations WHERE level = 1 AND repeat = 0");
        if (fired >= incidents) break;
        await Task.Delay(2000);
    }

    await using var connection = new NpgsqlConnection(cs);
    await connection.OpenAsync();
    await using var stats = new NpgsqlCommand("""
        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY lateness_ms),
               percentile_cont(0.95) WITHIN GROUP (ORDER BY lateness_ms),
               percentile_cont(0.99) WITHIN GROUP (ORDER BY lateness_ms),
               max(lateness_ms),
               EXTRACT(EPOCH FROM max(due_at) - min(due_at))
          FROM escalations WHERE level = 1 AND repeat = 0
        """, connection);
    await using var reader = await stats.ExecuteReaderAsync();
    await reader.ReadAsync();
    var (p50, p95, p99, max, spread) = (reader.GetDouble(0), reader.GetDouble(1), reader.GetDouble(2), reader.GetInt64(3), reader.GetDouble(4));

    Console.WriteLine();
    Console.WriteLine("| incidents | deadlines spread | steps fired / due | lateness p50 | p95 | p99 | max | silo RSS (peak) | filings/s | pgbench TPS | filings/s ÷ pgbench TPS |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
    Console.WriteLine($"| {incidents:N0} | {spread:F0} s | {fired:N0} / {incidents:N0} | {p50:F0} ms | {p95:F0} ms | {p99:F0} ms | {max} ms | " +
                      $"{SiloRss()} | {filedPerSecond:F0} | {baselineTps:F0} | {filedPerSecond / baselineTps:F2} |");
    await app.StopAsync();
}
finally
{
    foreach (var silo in silos)
    {
        silo.Kill(entireProcessTree: true);
        silo.WaitForExit();
    }
    await Sql(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    Directory.Delete(data, recursive: true);
}



