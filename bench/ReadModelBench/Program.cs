using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Silo;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using BacGiang.Incidents.Bench;
using static BacGiang.Incidents.Bench.BenchSupport;
using Npgsql;

// Read-model benchmark (issue 6): 1,000,000 incident events (200,000 incidents × 5) spread over six months in
// PostgreSQL, then the queries the API runs — the SLA report for a month, filtered incident lists, the escalation
// audit, an inbox — each timed over repeated runs, with the indexes their plans use. Not part of the test run.
//   dotnet bench/ReadModelBench/bin/Release/net10.0/BacGiang.Incidents.ReadModelBench.dll [incidents=200000] [runs=15]
var incidents = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200_000;
var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;

var repo = FindRepo();
var reference = ReferenceDataLoader.Load(Path.Combine(repo, "data"));
var communes = reference.CommunesInForce(new LocalDate(2026, 11, 1)).Select(u => u.Code).Where(c => c.StartsWith("07", StringComparison.Ordinal)).Order().ToArray();
var categories = reference.Categories.Values.OrderBy(c => c.Code).ToArray();

Console.WriteLine($"Read-model benchmark: {incidents:N0} incidents × 5 events, {communes.Length} communes, {categories.Length} categories, {runs} runs per query");
var admin = StartPostgres(repo);
var database = $"readmodel_bench_{Environment.ProcessId}";
await Sql(admin, $"DROP DATABASE IF EXISTS {database}");
await Sql(admin, $"CREATE DATABASE {database}");
var cs = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString;
await new SchemaMigrator(cs, NullLogger.Instance).MigrateAsync();

var load = Stopwatch.StartNew();
await Generate(cs, incidents, communes, categories.Select(c => c.Code).ToArray(), categories.Select(c => c.DefaultAgency).ToArray());
Console.WriteLine($"Generated in {load.Elapsed.TotalSeconds:0.0} s: {await BenchSupport.Scalar(cs, "SELECT count(*) FROM incident_events"):N0} events, "
    + $"{await BenchSupport.Scalar(cs, "SELECT count(*) FROM incidents"):N0} incidents, {await BenchSupport.Scalar(cs, "SELECT count(*) FROM escalations"):N0} escalations");

await using var source = NpgsqlDataSource.Create(cs);
var clock = new FakeClock(Instant.FromUtc(2026, 11, 30, 10, 0));
var sla = new SlaReport(source, clock);
var search = new IncidentSearch(source, clock);
var audit = new EscalationAudit(source);
var lists = new IncidentQueries(source, clock);
var zone = ReferenceData.Zone;
var november = (From: new LocalDate(2026, 11, 1).AtStartOfDayInZone(zone).ToInstant(), To: new LocalDate(2026, 12, 1).AtStartOfDayInZone(zone).ToInstant());
var commune = communes[7];

var secondPageCursor = (await search.Find(new IncidentFilter { Commune = commune, Limit = 50 }, default)).NextCursor;
var tenthPageCursor = secondPageCursor;
for (var i = 2; i < 10; i++) tenthPageCursor = (await search.Find(new IncidentFilter { Commune = commune, Limit = 50, Cursor = tenthPageCursor }, default)).NextCursor;

var cases = new (string Name, Func<Task<int>> Query)[]
{
    ("SLA report, November, by commune", async () => (await sla.Run(new SlaReportQuery(SlaGrouping.Commune, november.From, november.To, null, null), (_, _) => null, default)).Rows.Count),
    ("SLA report, November, by agency", async () => (await sla.Run(new SlaReportQuery(SlaGrouping.Agency, november.From, november.To, null, null), (_, _) => null, default)).Rows.Count),
    ("SLA report, November, by category", async () => (await sla.Run(new SlaReportQuery(SlaGrouping.Category, november.From, november.To, null, null), (_, _) => null, default)).Rows.Count),
    ("SLA report, November, one commune", async () => (await sla.Run(new SlaReportQuery(SlaGrouping.Category, november.From, november.To, commune, null), (_, _) => null, default)).Rows.Count),
    ("List: commune + status + November, 50", async () => (await search.Find(new IncidentFilter
        { Commune = commune, Statuses = [IncidentStatus.Assigned, IncidentStatus.Acknowledged, IncidentStatus.InProgress], From = november.From, To = november.To }, default)).Items.Count),
    ("List: agency + category + escalated, 50", async () => (await search.Find(new IncidentFilter
        { Agency = "urenco", Category = "garbage_dumping", Escalated = true }, default)).Items.Count),
    ("List: free text 'duong 12345', 50", async () => (await search.Find(new IncidentFilter { Text = "duong 12345" }, default)).Items.Count),
    ("List: commune, 10th page by cursor", async () => (await search.Find(new IncidentFilter { Commune = commune, Cursor = tenthPageCursor }, default)).Items.Count),
    ("Audit: November by lateness, 500", async () => await Count(audit.Find(new EscalationFilter { From = november.From, To = november.To, ByLateness = true }, default))),
    ("Inbox of one commune (open, most urgent first)", async () => (await lists.Inbox(commune, default)).Incidents.Count),
};

Console.WriteLine();
Console.WriteLine("| query | rows | median | p95 | max |");
Console.WriteLine("|---|---|---|---|---|");
foreach (var (name, query) in cases)
{
    await query();
    await query();
    var times = new List<double>();
    var rows = 0;
    for (var i = 0; i < runs; i++)
    {
        var watch = Stopwatch.StartNew();
        rows = await query();
        times.Add(watch.Elapsed.TotalMilliseconds);
    }
    times.Sort();
    Console.WriteLine($"| {name} | {rows} | {times[times.Count / 2]:0.0} ms | {times[(int)Math.Ceiling(times.Count * 0.95) - 1]:0.0} ms | {times[^1]:0.0} ms |");
}

Console.WriteLine();
Console.WriteLine("Indexes in the plans:");
foreach (var (name, sql) in new[]
         {
             ("SLA report", $"SELECT count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_business_ms) FROM incidents WHERE reported_at >= '{november.From}' AND reported_at < '{november.To}' AND status NOT IN ('rejected', 'merged') GROUP BY commune"),
             ("commune list", $"SELECT incident_id FROM incidents WHERE commune = '{commune}' AND status = ANY('{{assigned,acknowledged,in_progress}}') AND reported_at >= '{november.From}' AND reported_at < '{november.To}' ORDER BY reported_at DESC, incident_id DESC LIMIT 51"),
             ("free text", "SELECT incident_id FROM incidents WHERE search_text LIKE '%duong%' AND search_text LIKE '%12345%' ORDER BY reported_at DESC, incident_id DESC LIMIT 51"),
             ("audit", $"SELECT incident_id FROM escalations WHERE fired_at >= '{november.From}' AND fired_at < '{november.To}' ORDER BY lateness_ms DESC LIMIT 500"),
             ("inbox", $"SELECT incident_id FROM incidents WHERE status NOT IN ('closed', 'rejected', 'merged') AND commune = '{commune}' AND triage_reason IS NULL ORDER BY next_deadline NULLS LAST, priority, reported_at LIMIT 1000"),
         })
{
    var plan = await Lines(cs, "EXPLAIN " + sql);
    var indexes = plan.SelectMany(l => Regex.Matches(l, @"(?:Index(?: Only)? Scan(?: Backward)? using|Bitmap Index Scan on) (\w+)").Select(m => m.Groups[1].Value)).Distinct().ToList();
    var seq = plan.Any(l => l.Contains("Seq Scan", StringComparison.Ordinal));
    Console.WriteLine($"- {name}: {(indexes.Count > 0 ? string.Join(", ", indexes) : "no index")}{(seq ? " (+ sequential scan)" : "")}");
}
Console.WriteLine();
Console.WriteLine($"pgbench TPS on the same PostgreSQL (8 clients, 15 s): {PgbenchTps(admin):0}");
await Sql(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");

static async Task Generate(string cs, int incidents, string[] communes, string[] categories, string[] agencies)
{
    // Six months of incidents, evenly spaced; ack deadline 1 h and resolve deadline 24 h; statuses, times taken
    // and escalations drawn from a seeded random so every run holds the same data.
    await using var connection = new NpgsqlConnection(cs);
    await connection.OpenAsync();
    await Exec(connection, "SELECT setseed(0.42)");
    await using (var command = new NpgsqlCommand("""
        INSERT INTO incidents (incident_id, last_seq, tracking_code, status, category, priority, commune, agency, channel,
                               description, address, reported_at, updated_at, escalation_level,
                               ack_started_at, ack_deadline, acknowledged_at, ack_business_ms,
                               resolve_started_at, resolve_deadline, resolved_at, resolve_business_ms, ack_due, resolve_due, search_text)
        SELECT id, 5, id, status, $2[1 + g % cardinality($2)], 'P' || (1 + g % 4), $1[1 + g % cardinality($1)], $3[1 + g % cardinality($3)], 'app',
               'Rác thải đổ trộm ven đường số ' || g, 'Thôn ' || (g % 50), reported, reported + interval '5 hours',
               CASE WHEN ack_minutes > 60 THEN 1 + (g % 2) ELSE 0 END,
               reported, reported + interval '1 hour',
               CASE WHEN status <> 'assigned' THEN reported + ack_minutes * interval '1 minute' END,
               CASE WHEN status <> 'assigned' THEN (ack_minutes * 60000)::bigint END,
               reported, reported + interval '24 hours',
               CASE WHEN status IN ('resolved', 'closed') THEN reported + resolve_hours * interval '1 hour' END,
               CASE WHEN status IN ('resolved', 'closed') THEN (resolve_hours * 1800000)::bigint END,
               CASE WHEN status = 'assigned' THEN reported + interval '1 hour' END,
               CASE WHEN status NOT IN ('resolved', 'closed') THEN reported + interval '24 hours' END,
               'rac thai do trom ven duong so ' || g || ' ' || lower(id)
          FROM (SELECT g, 'BG-BENCH-' || g AS id,
                       timestamptz '2026-06-01 00:00+07' + g * (interval '183 days' / $4) AS reported,
                       CASE WHEN r < 0.55 THEN 'closed' WHEN r < 0.70 THEN 'resolved' WHEN r < 0.82 THEN 'in_progress'
                            WHEN r < 0.92 THEN 'acknowledged' WHEN r < 0.98 THEN 'assigned' ELSE 'rejected' END AS status,
                       5 + random() * 115 AS ack_minutes, 1 + random() * 47 AS resolve_hours
                  FROM (SELECT g, random() AS r FROM generate_series(1, $4) g) x) s
        """, connection))
    {
        command.Parameters.AddWithValue(communes);
        command.Parameters.AddWithValue(categories);
        command.Parameters.AddWithValue(agencies);
        command.Parameters.AddWithValue(incidents);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }
    await Exec(connection, """
        INSERT INTO incident_events (incident_id, seq, type, at, actor_kind, actor_role, actor_id, data)
        SELECT incident_id, s, (ARRAY['Reported', 'Assigned', 'Acknowledged', 'Started', 'Resolved'])[s],
               reported_at + (s - 1) * interval '20 minutes', CASE WHEN s = 1 THEN 'citizen' ELSE 'staff' END,
               CASE WHEN s = 1 THEN 'citizen' ELSE 'commune_officer' END, 'bench',
               jsonb_build_object('seq', s, 'note', 'benchmark event')
          FROM incidents, generate_series(1, 5) s
        """);
    await Exec(connection, """
        INSERT INTO reports (incident_id, seq, channel, category, description, address, commune_code, photos, reported_at)
        SELECT incident_id, 1, channel, category, description, address, commune, ARRAY[]::text[], reported_at FROM incidents
        """);
    await Exec(connection, """
        INSERT INTO escalations (incident_id, kind, round, level, repeat, seq, category, priority, commune, agency,
                                 sla_deadline, due_at, fired_at, lateness_ms, targets, acknowledged_at, ack_after_ms)
        SELECT incident_id, 'ack', 1, l, 0, 2 + l, category, priority, commune, agency, ack_deadline,
               ack_deadline + (l - 1) * interval '30 minutes', ack_deadline + (l - 1) * interval '30 minutes' + lateness * interval '1 millisecond',
               lateness, ARRAY['commune-chairman'], acknowledged_at,
               (extract(epoch FROM acknowledged_at - ack_deadline) * 1000)::bigint
          FROM (SELECT i.*, l, (random() * 900)::bigint AS lateness
                  FROM incidents i, generate_series(1, 2) l WHERE i.escalation_level >= l) e
        """);
    await Exec(connection, "VACUUM ANALYZE");
}

static async Task Exec(NpgsqlConnection connection, string sql)
{
    await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
    await command.ExecuteNonQueryAsync();
}

static async Task<int> Count<T>(IAsyncEnumerable<T> items)
{
    var n = 0;
    await foreach (var _ in items) n++;
    return n;
}

static async Task<List<string>> Lines(string cs, string sql)
{
    await using var connection = new NpgsqlConnection(cs);
    await connection.OpenAsync();
    await using var command = new NpgsqlCommand(sql, connection);
    await using var reader = await command.ExecuteReaderAsync();
    var lines = new List<string>();
    while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
    return lines;
}
