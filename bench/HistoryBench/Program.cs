using System.Diagnostics;
using System.Globalization;
using BacGiang.Incidents;
using BacGiang.Incidents.Bench;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using Microsoft.Extensions.Hosting;
using Npgsql;
using static BacGiang.Incidents.Bench.BenchSupport;

// One long-lived incident (issue 12, must show 3): N working notes appended one after another through the real silo
// on PostgreSQL; the time and the bytes stored per appended event, first thousand against last thousand, must stay
// flat (within 20%): an append writes only its own event, and the grain keeps its schedule up to date event by event.
// Not part of the test run.
//   dotnet bench/HistoryBench/bin/Release/net10.0/BacGiang.Incidents.HistoryBench.dll [events=10000]
var events = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 10_000;
const int Window = 1_000;
if (events < 2 * Window) throw new ArgumentException($"At least {2 * Window} events: the first and the last {Window} are compared.");

var repo = FindRepo();
var siloDll = BuiltDll(repo, "Silo");

Console.WriteLine($"History benchmark: one incident, {events:N0} events appended one at a time");
var admin = StartPostgres(repo);
var database = $"historybench_{Environment.ProcessId}";
await Sql(admin, $"DROP DATABASE IF EXISTS {database}");
await Sql(admin, $"CREATE DATABASE {database}");
var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 20 }.ConnectionString;
var certificates = Certificates(repo);
var siloEnv = new Dictionary<string, string>(certificates.Silo)
{
    ["ConnectionStrings__Incidents"] = cs,
    ["ReferenceData__Directory"] = Path.Combine(repo, "data"),
    ["Silo__ClusterId"] = "historybench", ["Silo__ServiceId"] = "historybench", ["Silo__SiloPort"] = "21113", ["Silo__GatewayPort"] = "40002",
    // A log line per note would make this a logging benchmark.
    ["Serilog__MinimumLevel__Default"] = "Warning",
};
Run("dotnet", [siloDll, "migrate"], siloEnv);
var silo = Start(siloDll, siloEnv, Path.Combine(repo, ".local", "logs", "bench-history-silo.log"));
try
{
    var (app, cluster) = await BenchCluster.Connect(cs, "historybench", certificates);
    var supervisor = new Actor(ActorRole.Supervisor, "bench-supervisor");
    // Everything the appends wrote, snapshots and indexes included: PostgreSQL's write-ahead log, by position.
    var walAt = new Dictionary<int, long>();
    async Task<long> WalPosition() => await Scalar(cs, "SELECT pg_wal_lsn_diff(pg_current_wal_insert_lsn(), '0/0')::bigint");
    async Task<(string Id, double[] Ms)> Notes(int count)
    {
        var id = TrackingCode.NewRandom().Value;
        var incident = cluster.GetGrain<IIncidentGrain>(id);
        var filed = await incident.File(new ReportDetails
        {
            Category = "garbage_dumping", Description = "Bãi rác tự phát kéo dài", CommuneCode = "07627", Channel = "bench",
        }, Actor.Citizen("bench"));
        if (filed.Outcome != FileOutcome.Created) throw new InvalidOperationException($"Filing: {filed.Outcome}");
        var ms = new double[count];
        for (var i = 0; i < count; i++)
        {
            if (count == events && (i == 0 || i == Window || i == count - Window)) walAt[i] = await WalPosition();
            var start = Stopwatch.GetTimestamp();
            var result = await incident.Execute(new AddNote { Text = $"Ghi chú số {i}: đã kiểm tra hiện trường.", CommandId = $"note-{i}" }, supervisor);
            ms[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            if (!result.Succeeded) throw new InvalidOperationException($"Note {i}: {result.Kind} {result.Message}");
        }
        if (count == events) walAt[count] = await WalPosition();
        return (id, ms);
    }
    // Warm-up on another incident (JIT, pools), so the first thousand measured is not the process's first: appends
    // got faster over a process's first 2,000-3,000 (1.75 ms median in the first 250, 1.0 ms from 2,250 on, in one
    // run), whatever the incident's history. After 3,000 the first thousand measured was still 25-35% slower than
    // the rest in five runs (2026-12-04), while a fresh incident's first thousand after the run was not: so 6,000.
    _ = await Notes(6 * Window);
    var (id, ms) = await Notes(events);
    var (thousandId, _) = await Notes(Window); // for the activation table below

    // What activation costs (ADR 0002): the first call to an incident in a new silo reads its snapshot, if it has one,
    // and the events after it. The silo is killed and started again three times; each time a fresh incident is called first (the
    // client reconnecting, the new process's JIT), then each measured incident once. The median of the three.
    var (shortId, _) = await Notes(0);
    // The probe has a snapshot too (at seq 200), so reading one is compiled before the measured calls.
    var (probeId, _) = await Notes(200);
    var firstCalls = new Dictionary<string, List<double>>();
    for (var round = 0; round < 3; round++)
    {
        silo.Kill(entireProcessTree: true);
        await silo.WaitForExitAsync();
        silo = Start(siloDll, siloEnv, Path.Combine(repo, ".local", "logs", "bench-history-silo.log"));
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await cluster.GetGrain<IIncidentGrain>(probeId).Get();
                break;
            }
            catch (Exception) when (attempt < 120)
            {
                await Task.Delay(500);
            }
        }
        foreach (var incidentId in new[] { shortId, thousandId, id })
        {
            var start = Stopwatch.GetTimestamp();
            _ = await cluster.GetGrain<IIncidentGrain>(incidentId).Get() ?? throw new InvalidOperationException($"{incidentId} is not there.");
            (firstCalls.TryGetValue(incidentId, out var times) ? times : firstCalls[incidentId] = []).Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
    var activations = new[] { (shortId, 2), (thousandId, Window + 2), (id, events + 2) }.Select(x => (Events: x.Item2, Ms: Median(firstCalls[x.Item1]))).ToList();

    // Bytes each appended event left in the log, by seq (the filing is seq 1 and 2, note i is seq i + 3).
    var bytes = new Dictionary<long, long>();
    await using (var connection = new NpgsqlConnection(cs))
    {
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seq, pg_column_size(e.*) FROM incident_events e WHERE incident_id = $1", connection) { Parameters = { new() { Value = id } } };
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) bytes[reader.GetInt64(0)] = reader.GetInt32(1);
    }
    var stateBytes = await Scalar(cs, $"SELECT coalesce(sum(octet_length(payloadbinary)), 0) FROM orleansstorage WHERE graintypestring = 'incident' AND grainidextensionstring = '{id}'");
    var snapshotSeq = await Scalar(cs, $"SELECT coalesce(max(seq), 0) FROM incident_snapshots WHERE incident_id = '{id}'");
    var snapshotBytes = await Scalar(cs, $"SELECT coalesce(max(octet_length(state)), 0) FROM incident_snapshots WHERE incident_id = '{id}'");

    static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted[sorted.Length / 2];
    }
    var first = ms[..Window];
    var last = ms[^Window..];
    var firstBytes = Enumerable.Range(3, Window).Sum(s => bytes[s]);
    var lastBytes = Enumerable.Range(events + 3 - Window, Window).Sum(s => bytes[s]);
    Console.WriteLine();
    var firstWal = walAt[Window] - walAt[0];
    var lastWal = walAt[events] - walAt[events - Window];
    Console.WriteLine("| appended events | median per append | mean | p99 | bytes per event in the log | WAL bytes per event |");
    Console.WriteLine("|---|---|---|---|---|---|");
    Console.WriteLine($"| 1–{Window:N0} | {Median(first):F2} ms | {first.Average():F2} ms | {first.Order().ElementAt(Window * 99 / 100):F2} ms | {(double)firstBytes / Window:F0} | {(double)firstWal / Window:F0} |");
    Console.WriteLine($"| {events - Window + 1:N0}–{events:N0} | {Median(last):F2} ms | {last.Average():F2} ms | {last.Order().ElementAt(Window * 99 / 100):F2} ms | {(double)lastBytes / Window:F0} | {(double)lastWal / Window:F0} |");
    Console.WriteLine($"last ÷ first: median time {Median(last) / Median(first):F2}, mean time {last.Average() / first.Average():F2}, bytes {(double)lastBytes / firstBytes:F2}, WAL bytes {(double)lastWal / firstWal:F2} (flat: within 0.8–1.2)");
    // The whole run, so a trend (or a warm-up still running) shows between the two thousands compared.
    Console.WriteLine($"median per append by thousand: {string.Join(", ", ms.Chunk(Window).Select(c => Median(c).ToString("F2", CultureInfo.InvariantCulture)))} ms");
    Console.WriteLine($"grain state of the incident after {events:N0} events: {stateBytes} bytes (delivery bookkeeping only; none written for notes)");
    Console.WriteLine($"its snapshot: seq {snapshotSeq:N0}, {snapshotBytes:N0} bytes");
    Console.WriteLine();
    Console.WriteLine("| events in the log | first call in a restarted silo (median of 3) |");
    Console.WriteLine("|---|---|");
    foreach (var (count, median) in activations) Console.WriteLine($"| {count:N0} | {median:F1} ms |");
    await app.StopAsync();
    app.Dispose();
}
finally
{
    silo.Kill(entireProcessTree: true);
    silo.WaitForExit();
    await Sql(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}
