using System.Diagnostics;
using System.Net;
using System.Text;
using BacGiang.Incidents;
using BacGiang.Incidents.Domain;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;
using BacGiang.Incidents.Bench;
using static BacGiang.Incidents.Bench.BenchSupport;

// Escalation notification benchmark (DESIGN.md §10: "escalation fired → first notification sent: p99 ≤ 2 s with
// 10,000 escalations in a minute"). Files N fires paced evenly over one minute across every commune of the merged
// province and every agency, with a 30 s acknowledgement deadline, so N first steps fire within a minute; each reaches
// the on-duty people of its commune and agency on console, Zalo and SMS (stand-ins for both in this process).
// Measures fired → first sent per step and per notification, how many were sent, and the silo's memory with all
// commune and agency grains active. Not part of the test run.
//   dotnet run -c Release --project bench/EscalationBench -- [escalations=10000] [spreadSeconds=60]
var escalations = args.Length > 0 ? int.Parse(args[0]) : 10_000;
var spreadSeconds = args.Length > 1 ? int.Parse(args[1]) : 60;
const int AckSeconds = 30;

var repo = FindRepo();
var siloDll = BuiltDll(repo, "Silo");

Console.WriteLine($"Escalation benchmark: {escalations:N0} first steps firing within {spreadSeconds} s");
var admin = StartPostgres(repo);
var database = $"escbench_{Environment.ProcessId}";
await Sql(admin, $"DROP DATABASE IF EXISTS {database}");
await Sql(admin, $"CREATE DATABASE {database}");
var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 50 }.ConnectionString;

var data = Path.Combine(Path.GetTempPath(), $"escbench-data-{Environment.ProcessId}");
CopyDirectory(Path.Combine(repo, "data"), data);
File.WriteAllLines(Path.Combine(data, "sla-policies.csv"),
    new[] { "category,priority,calendar,acknowledge,resolve,ack_ladder,resolve_ladder,pause_while_waiting" }
        .Concat(Enum.GetValues<Priority>().Select(p => $"*,{p},24x7,PT{AckSeconds}S,PT4H,urgent-ack,urgent-resolve,false")));

using var gateways = new Gateways();
var certificates = Certificates(repo);
var siloEnv = new Dictionary<string, string>(certificates.Silo)
{
    ["ConnectionStrings__Incidents"] = cs,
    ["ReferenceData__Directory"] = data,
    ["Routing__ServedCommunes__0"] = "*",
    ["Silo__ClusterId"] = "escbench",
    ["Silo__ServiceId"] = "escbench",
    ["Silo__SiloPort"] = "21112",
    ["Silo__GatewayPort"] = "40001",
    ["Zalo__ApiBaseUrl"] = gateways.BaseUrl,
    ["Zalo__AccessToken"] = "bench-token",
    ["Sms__BaseUrl"] = gateways.BaseUrl,
    ["Sms__ApiKey"] = "bench", ["Sms__SecretKey"] = "bench", ["Sms__Brandname"] = "BENCH",
    ["Serilog__MinimumLevel__Override__BacGiang.Incidents.Grains"] = "Error",
};
Run("dotnet", [siloDll, "migrate"], siloEnv);
var silo = Start(siloDll, siloEnv, Path.Combine(repo, ".local", "logs", "bench-escalation-silo.log"));
try
{
    var (app, cluster) = await BenchCluster.Connect(cs, "escbench", certificates);
    using var host = app;

    var communes = File.ReadLines(Path.Combine(data, "units", "2025-07-01_bac-ninh-two-tier.csv")).Skip(1)
        .Select(l => l.Split(',')).Where(f => f[2] == "commune").Select(f => f[0]).ToArray();
    var categories = File.ReadLines(Path.Combine(data, "categories.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
    Console.WriteLine($"Filing {escalations:N0} incidents evenly over {spreadSeconds} s across {communes.Length} communes and {categories.Length} categories...");
    var filing = Stopwatch.StartNew();
    var next = -1;
    var interval = TimeSpan.FromSeconds(spreadSeconds) / escalations;
    var workers = Enumerable.Range(0, 32).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < escalations)
        {
            var slot = interval * i - filing.Elapsed;
            if (slot > TimeSpan.Zero) await Task.Delay(slot);
            var report = new ReportDetails
            {
                Category = categories[i % categories.Length],
                Description = $"Benchmark incident {i}",
                CommuneCode = communes[i % communes.Length],
                Channel = "bench",
            };
            var result = await cluster.GetGrain<IIncidentGrain>(TrackingCode.NewRandom().Value).File(report, Actor.Citizen("bench"));
            if (result.Outcome != FileOutcome.Created) throw new InvalidOperationException($"Filing {i}: {result.Outcome}");
        }
    }).ToList();
    await Task.WhenAll(workers);
    Console.WriteLine($"Filed in {filing.Elapsed.TotalSeconds:F1} s");

    // Every first step fired, and every notification it queued sent or given up.
    var giveUp = Stopwatch.StartNew();
    long fired = 0, open = 0;
    while (giveUp.Elapsed < TimeSpan.FromSeconds(AckSeconds + spreadSeconds + 300))
    {
        fired = await Scalar(cs, "SELECT count(DISTINCT escalation_id) FROM notifications WHERE level = 1 AND repeat = 0");
        open = await Scalar(cs, "SELECT count(*) FROM notifications WHERE state IN ('pending', 'sending')");
        if (fired >= escalations && open == 0) break;
        await Task.Delay(1000);
    }

    await using var connection = new NpgsqlConnection(cs);
    await connection.OpenAsync();
    await using var stats = new NpgsqlCommand("""
        WITH steps AS (
            SELECT escalation_id, min(fired_at) AS fired_at, min(sent_at) AS first_sent FROM notifications
             WHERE level = 1 AND repeat = 0 GROUP BY escalation_id
        )
        SELECT (SELECT count(*) FROM steps),
               (SELECT EXTRACT(EPOCH FROM max(fired_at) - min(fired_at)) FROM steps),
               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_sent - fired_at) * 1000) FROM steps),
               (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM first_sent - fired_at) * 1000) FROM steps),
               (SELECT max(EXTRACT(EPOCH FROM first_sent - fired_at) * 1000) FROM steps),
               (SELECT count(*) FROM notifications),
               (SELECT count(*) FROM notifications WHERE state IN ('sent', 'delivered')),
               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM sent_at - fired_at) * 1000) FROM notifications),
               (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM sent_at - fired_at) * 1000) FROM notifications),
               (SELECT count(*) FROM escalations WHERE level = 1 AND repeat = 0),
               (SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM queued_at - fired_at) * 1000) FROM notifications),
               (SELECT percentile_cont(0.99) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM queued_at - fired_at) * 1000) FROM notifications)
        """, connection);
    await using var reader = await stats.ExecuteReaderAsync();
    await reader.ReadAsync();
    var rss = Rss(silo.Id);
    Console.WriteLine();
    Console.WriteLine("| first steps fired | within | fired→first sent p50 | p99 | max | notifications sent / queued | fired→sent p50 (all) | p99 (all) | fired→queued p50 | p99 | SMS / Zalo received | silo RSS (peak) |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
    Console.WriteLine($"| {reader.GetInt64(0):N0} (records {reader.GetInt64(9):N0}) | {reader.GetDouble(1):F0} s | {reader.GetDouble(2):F0} ms | {reader.GetDouble(3):F0} ms | {reader.GetDouble(4):F0} ms | " +
                      $"{reader.GetInt64(6):N0} / {reader.GetInt64(5):N0} | {reader.GetDouble(7):F0} ms | {reader.GetDouble(8):F0} ms | {reader.GetDouble(10):F0} ms | {reader.GetDouble(11):F0} ms | {gateways.Sms:N0} / {gateways.Zalo:N0} | " +
                      $"{rss.Rss / 1024} MiB ({rss.Peak / 1024} MiB) |");
    await app.StopAsync();
}
finally
{
    silo.Kill(entireProcessTree: true);
    silo.WaitForExit();
    await Sql(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
    Directory.Delete(data, recursive: true);
}



/// <summary>Zalo's OA message API and eSMS's send API, answering success at once and counting what they got.</summary>
sealed class Gateways : IDisposable
{
    private readonly HttpListener listener = new();
    private int sms, zalo;

    public Gateways()
    {
        var port = 47000 + Environment.ProcessId % 1000;
        BaseUrl = $"http://127.0.0.1:{port}/";
        listener.Prefixes.Add(BaseUrl);
        listener.Start();
        for (var i = 0; i < 64; i++) _ = Task.Run(Serve);
    }

    public string BaseUrl { get; }
    public int Sms => Volatile.Read(ref sms);
    public int Zalo => Volatile.Read(ref zalo);

    private async Task Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try { context = await listener.GetContextAsync(); }
            catch (Exception) { return; }
            var isSms = context.Request.Url!.AbsolutePath.Contains("SendMultipleMessage", StringComparison.Ordinal);
            Interlocked.Increment(ref isSms ? ref sms : ref zalo);
            var id = Guid.NewGuid().ToString("N");
            var body = isSms ? "{\"CodeResult\":\"100\",\"SMSID\":\"" + id + "\"}" : "{\"error\":0,\"message\":\"Success\",\"data\":{\"message_id\":\"" + id + "\"}}";
            var bytes = Encoding.UTF8.GetBytes(body);
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }

    public void Dispose() => listener.Close();
}
