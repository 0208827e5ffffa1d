using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Bench;
using static BacGiang.Incidents.Bench.BenchSupport;

// Field dispatch's position load beside intake (issue 15): 500 crews reporting where they are every 10 s for 10 minutes
// alongside 100 app reports/s; the target is intake p99 at most 20% worse than without the crews. Both loads are open
// loop (a fixed schedule of arrivals, latency measured from when each request was due), through the real silo and API
// processes on PostgreSQL, alternating phases A (reports only) and B (reports and crews). Not part of the test run.
//   dotnet bench/DispatchBench/bin/Release/net10.0/BacGiang.Incidents.DispatchBench.dll [--seconds 600] [--rounds 2]
//     [--rate 100] [--crews 500] [--every 10] [--warm-up 30]
var options = new Dictionary<string, int>
{
    ["--seconds"] = 600, ["--rounds"] = 2, ["--rate"] = 100, ["--crews"] = 500, ["--every"] = 10, ["--warm-up"] = 30, ["--consoles"] = 1,
};
for (var i = 0; i < args.Length; i++)
{
    if (!options.ContainsKey(args[i]) || i + 1 >= args.Length || !int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value)
        || value < (args[i] == "--consoles" ? 0 : 1))
    {
        Console.Error.WriteLine($"usage: [{string.Join("] [", options.Keys.Select(k => $"{k} N"))}] (N ≥ 1, consoles ≥ 0); '{args[i]}' is not one of them");
        return 2;
    }
    options[args[i++]] = value;
}
var seconds = options["--seconds"];
var rounds = options["--rounds"];
var reportRate = options["--rate"];
var crewCount = options["--crews"];
var every = options["--every"];
var warmUpSeconds = options["--warm-up"];
var consolesPerAgency = options["--consoles"];

var repo = FindRepo();
var siloDll = BuiltDll(repo, "Silo");
var apiDll = BuiltDll(repo, "Api");

Console.WriteLine($"Dispatch benchmark: {reportRate} app reports/s, with and without {crewCount} crews reporting a position every {every} s; " +
                  $"{rounds} round(s) of A (reports) then B (reports + crews), {seconds} s each, after a {warmUpSeconds} s warm-up with both; " +
                  $"{consolesPerAgency} console(s) following each crew agency's live feed throughout");

// The system's own reference data with the benchmark's crews: a private copy, read by the silo and the API.
var dataDir = Path.Combine(repo, ".local", "bench-dispatch", "data");
if (Directory.Exists(dataDir)) Directory.Delete(dataDir, recursive: true);
CopyDirectory(Path.Combine(repo, "data"), dataDir);
var random = new Random(15);
var crews = BenchData.WriteCrews(dataDir, crewCount, random);
Console.WriteLine($"  data: {dataDir} ({crews.Count} crews over {crews.Select(c => c.Agency).Distinct().Count()} agencies, one new roster member each)");

var admin = StartPostgres(repo);
var database = $"dispatchbench_{Environment.ProcessId}";
await Sql(admin, $"DROP DATABASE IF EXISTS {database}");
await Sql(admin, $"CREATE DATABASE {database}");
var cs = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database, MaxPoolSize = 50 }.ConnectionString;
var common = new Dictionary<string, string>
{
    ["ConnectionStrings__Incidents"] = cs,
    ["ReferenceData__Directory"] = dataDir,
    ["Serilog__MinimumLevel__Default"] = "Warning",
};
var certificates = Certificates(repo);
var siloEnv = new Dictionary<string, string>(common.Concat(certificates.Silo))
{
    ["Silo__ClusterId"] = "dispatchbench", ["Silo__ServiceId"] = "dispatchbench", ["Silo__SiloPort"] = "21115", ["Silo__GatewayPort"] = "40005",
};
// Crew members' tokens are signed here with the API's HS256 key, as the tests sign theirs: /dev/token is refused outside
// the Development environment, and the API runs as deployed.
const string signingKey = "dispatch-bench-signing-key-0123456789abcdef";
var apiEnv = new Dictionary<string, string>(common.Concat(certificates.Api))
{
    ["Orleans__ClusterId"] = "dispatchbench", ["Orleans__ServiceId"] = "dispatchbench", ["ASPNETCORE_URLS"] = "http://127.0.0.1:5097",
    ["Auth__SigningKey"] = signingKey,
    ["Intake__IdempotencySecret"] = "dispatch-bench-idempotency",
    ["RateLimits__GlobalPerMinute"] = "10000000", ["RateLimits__CitizenWritesPerMinute"] = "10000000",
};
Run("dotnet", [siloDll, "migrate"], siloEnv);

var silo = Start(siloDll, siloEnv, Path.Combine(repo, ".local", "logs", "bench-dispatch-silo.log"));
var api = Start(apiDll, apiEnv, Path.Combine(repo, ".local", "logs", "bench-dispatch-api.log"));
// Enough connections that no request waits for one: the load is open loop, so requests may overlap freely.
using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
{
    BaseAddress = new Uri("http://127.0.0.1:5097"), Timeout = TimeSpan.FromMinutes(2),
};
try
{
    var ready = Stopwatch.StartNew();
    while (!await Ok(http, "/health/ready"))
    {
        if (ready.Elapsed > TimeSpan.FromMinutes(3)) throw new TimeoutException("The system did not become ready.");
        await Task.Delay(500);
    }

    // Each crew signs in as its member: an AgencyStaff token whose subject is the member's staff id.
    foreach (var crew in crews) crew.Token = BenchData.Token(signingKey, crew.Member, crew.Agency);

    // Dispatchers' consoles: each follows its agency's live feed (server-sent events) through every phase, as a
    // dispatcher's screen would, so each accepted position is also streamed to them (an agency publishes only while followed).
    using var feeds = new HttpClient { BaseAddress = http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
    using var stopFeeds = new CancellationTokenSource();
    var consoles = new ConsoleFeeds();
    var following = crews.Select(c => c.Agency).Distinct().SelectMany(agency => Enumerable.Range(1, consolesPerAgency)
        .Select(n => consoles.Follow(feeds, agency, BenchData.Token(signingKey, $"bench-dispatcher-{agency}-{n}", agency), stopFeeds.Token))).ToList();
    await consoles.WaitUntilFollowing(following.Count);

    var communes = File.ReadLines(Path.Combine(dataDir, "units", "2025-07-01_bac-ninh-two-tier.csv")).Skip(1)
        .Select(l => l.Split(',')[0]).Where(c => c.StartsWith("07", StringComparison.Ordinal)).ToArray();
    var categories = File.ReadLines(Path.Combine(dataDir, "categories.csv")).Skip(1).Select(l => l.Split(',')[0]).ToArray();
    var load = new Load(http, crews, communes, categories, random, reportRate, every);
    var parts = new Dictionary<string, int> { ["api"] = api.Id, ["silo"] = silo.Id, ["load generator"] = Environment.ProcessId };

    // Warm-up with both loads, so the code runs at its final JIT tier and every agency grain is active in both phases.
    var warmUp = await load.Run(warmUpSeconds, withCrews: true);
    Console.WriteLine($"  warm-up: {warmUp.Reports.Count} reports ({warmUp.ReportErrors} errors), {warmUp.Positions.Count} positions ({warmUp.PositionErrors} errors)");
    foreach (var error in warmUp.FirstErrors) Console.WriteLine($"    {error}");
    await Task.Delay(TimeSpan.FromSeconds(5));

    Console.WriteLine();
    Console.WriteLine("| round | phase | what | requests | rate | p50 | p95 | p99 | max | errors | send lag p99 | CPU (cores: api + silo + PostgreSQL + client) | others on the machine (cores) | board writes | streamed to consoles |");
    Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    var results = new List<(int Round, Phase A, Phase B)>();
    for (var round = 1; round <= rounds; round++)
    {
        var a = await Measured(round, "A", withCrews: false);
        var b = await Measured(round, "B", withCrews: true);
        results.Add((round, a, b));
    }

    Console.WriteLine();
    Console.WriteLine("Intake p99 with the crews ÷ without (target ≤ 1.20):");
    foreach (var (round, a, b) in results)
        Console.WriteLine($"  round {round}: {Stats.P(b.Reports, 0.99):F1} ms ÷ {Stats.P(a.Reports, 0.99):F1} ms = {Stats.P(b.Reports, 0.99) / Stats.P(a.Reports, 0.99):F2}; " +
                          $"server CPU B − A: {(b.ServerCpuMs - a.ServerCpuMs) / 1000 / seconds:F3} cores, {(b.ServerCpuMs - a.ServerCpuMs) / Math.Max(1, b.Positions.Count):F2} ms per position");
    var roundRatios = results.Select(r => Stats.P(r.B.Reports, 0.99) / Stats.P(r.A.Reports, 0.99)).Order().ToList();
    Console.WriteLine($"  median of the rounds' ratios: {(roundRatios[(roundRatios.Count - 1) / 2] + roundRatios[roundRatios.Count / 2]) / 2:F2}; " +
                      $"server CPU per position over all rounds: {(results.Sum(r => r.B.ServerCpuMs - r.A.ServerCpuMs)) / Math.Max(1, results.Sum(r => r.B.Positions.Count)):F2} ms");
    var allA = results.SelectMany(r => r.A.Reports).Order().ToList();
    var allB = results.SelectMany(r => r.B.Reports).Order().ToList();
    var ratio = Stats.P(allB, 0.99) / Stats.P(allA, 0.99);
    var positionErrors = results.Sum(r => r.B.PositionErrors);
    var positions = results.SelectMany(r => r.B.Positions).Order().ToList();
    Console.WriteLine($"  all rounds: A {Stats.Line(allA)}; B {Stats.Line(allB)}; ratio {ratio:F2}: {(ratio <= 1.20 ? "met" : "NOT met")}");
    Console.WriteLine($"  positions: {positions.Count:N0} in {rounds * seconds} s ({positions.Count / (double)(rounds * seconds):F1}/s), {Stats.Line(positions)}; " +
                      $"errors {positionErrors}: {(positionErrors == 0 ? "none, as required" : "NOT zero")}");
    Console.WriteLine($"  intake errors: A {results.Sum(r => r.A.ReportErrors)}, B {results.Sum(r => r.B.ReportErrors)}");
    foreach (var error in results.SelectMany(r => r.A.FirstErrors.Concat(r.B.FirstErrors)).Take(10)) Console.WriteLine($"    {error}");
    await stopFeeds.CancelAsync();
    await Task.WhenAll(following);
    return ratio <= 1.20 && positionErrors == 0 ? 0 : 1;

    async Task<Phase> Measured(int round, string name, bool withCrews)
    {
        var boardBefore = await BoardWrites();
        var (incidentEvents, crewEvents) = consoles.Counts;
        var cpuBefore = CpuMs(parts, repo);
        var machineBefore = MachineBusyMs();
        var phase = await load.Run(seconds, withCrews);
        var cpuAfter = CpuMs(parts, repo);
        var machine = MachineBusyMs() - machineBefore;
        var boardWrites = await BoardWrites() - boardBefore;
        var streamed = $"{consoles.Counts.Incident - incidentEvents} incident and {consoles.Counts.Crew - crewEvents} crew events";
        string Cores(string part) => ((cpuAfter[part] - cpuBefore[part]) / 1000 / phase.Seconds).ToString("F2", CultureInfo.InvariantCulture);
        var cpu = $"{Cores("api")} + {Cores("silo")} + {Cores("postgres")} + {Cores("load generator")}";
        var ours = cpuAfter.Sum(p => p.Value - cpuBefore[p.Key]);
        var others = ((machine - ours) / 1000 / phase.Seconds).ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine($"| {round} | {name} | app reports | {phase.Reports.Count:N0} | {phase.Reports.Count / phase.Seconds:F1}/s | {Stats.Row(phase.Reports)} | {phase.ReportErrors} | {phase.ReportLagP99:F1} ms | {cpu} | {others} | {boardWrites} | {streamed} |");
        if (withCrews)
            Console.WriteLine($"| {round} | {name} | crew positions | {phase.Positions.Count:N0} | {phase.Positions.Count / phase.Seconds:F1}/s | {Stats.Row(phase.Positions)} | {phase.PositionErrors} | {phase.PositionLagP99:F1} ms | | | | |");
        // Let the phase's last commits and flushes settle before the next one starts.
        await Task.Delay(TimeSpan.FromSeconds(5));
        return phase with { ServerCpuMs = cpuAfter["api"] - cpuBefore["api"] + cpuAfter["silo"] - cpuBefore["silo"] + cpuAfter["postgres"] - cpuBefore["postgres"] };
    }

    // Crew boards are stored under the grain-state name "crews"; each store raises its row's version by one.
    async Task<long> BoardWrites() => await Scalar(cs, "SELECT coalesce(sum(version), 0) FROM orleansstorage WHERE graintypestring = 'crews'");
}
finally
{
    foreach (var process in new[] { api, silo })
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }
    await Sql(admin, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
}

/// <summary>One of the province's two pre-2025 boxes (province-bbox.csv).</summary>
internal sealed record Box(double MinLat, double MaxLat, double MinLon, double MaxLon)
{
    public double Area => (MaxLat - MinLat) * (MaxLon - MinLon);
}

/// <summary>A benchmark crew: one member, a token for them, and where it is now (moved inside its box).</summary>
internal sealed class BenchCrew(string agency, string id, string member, Box box, double lat, double lon)
{
    public string Agency { get; } = agency;
    public string Id { get; } = id;
    public string Member { get; } = member;
    public Box Box { get; } = box;
    public double Lat { get; set; } = lat;
    public double Lon { get; set; } = lon;
    public string Token { get; set; } = "";
}

internal static class BenchData
{
    // Kept this far inside a box's edges (about 500 m), so a moving crew never leaves the province.
    private const double Margin = 0.005;

    /// <summary>
    /// Replaces the copy's crews.csv with <paramref name="count"/> crews spread evenly over the agencies that have
    /// sample crews (each crew of the kind of the agency's first sample crew), homes uniform over the province's boxes
    /// by area; each crew's one member is a new person appended to the agency's roster (role staff, no duty, so no
    /// escalation reaches them), since the sample rosters hold three people per agency and a person rides one crew.
    /// </summary>
    public static List<BenchCrew> WriteCrews(string dataDir, int count, Random random)
    {
        var crewsFile = Path.Combine(dataDir, "crews.csv");
        var kindOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var fields in File.ReadLines(crewsFile).Skip(1).Select(l => l.Split(',')))
            kindOf.TryAdd(fields[0], fields[3]);
        var agencies = kindOf.Keys.ToArray();
        var boxes = File.ReadLines(Path.Combine(dataDir, "province-bbox.csv")).Skip(1).Select(l => l.Split(','))
            .Select(f => new Box(D(f[3]), D(f[5]), D(f[2]), D(f[4]))).ToArray();
        var totalArea = boxes.Sum(b => b.Area);

        var crews = new List<BenchCrew>(count);
        var crewLines = new StringBuilder("agency,crew_id,name,kind,home_lat,home_lon,members,shift,sample\n");
        var rosterLines = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var agency = agencies[i % agencies.Length];
            var n = i / agencies.Length + 1;
            var id = $"bench-{agency}-{n:D3}";
            var member = $"bench-{agency}-member-{n:D3}";
            var pick = random.NextDouble() * totalArea;
            var box = boxes.First(b => (pick -= b.Area) < 0 || b == boxes[^1]);
            var lat = Between(random, box.MinLat, box.MaxLat);
            var lon = Between(random, box.MinLon, box.MaxLon);
            crews.Add(new BenchCrew(agency, id, member, box, lat, lon));
            crewLines.Append(CultureInfo.InvariantCulture, $"{agency},{id},Bench crew {n} of {agency},{kindOf[agency]},{lat:F5},{lon:F5},{member},always,sample\n");
            rosterLines.Append(CultureInfo.InvariantCulture, $"agency,{agency},{member},Bench crew member {n} of {agency},staff,,,,,,sample\n");
        }
        File.WriteAllText(crewsFile, crewLines.ToString());
        var rosterFile = Path.Combine(dataDir, "people", "roster.csv");
        var roster = File.ReadAllText(rosterFile);
        File.WriteAllText(rosterFile, (roster.EndsWith('\n') ? roster : roster + "\n") + rosterLines);
        return crews;
    }

    /// <summary>The crew's next fix: up to about 200 m from the last in each direction, kept inside its box.</summary>
    public static (double Lat, double Lon) Move(BenchCrew crew, Random random)
    {
        crew.Lat = Math.Clamp(crew.Lat + (random.NextDouble() - 0.5) * 0.004, crew.Box.MinLat + Margin, crew.Box.MaxLat - Margin);
        crew.Lon = Math.Clamp(crew.Lon + (random.NextDouble() - 0.5) * 0.004, crew.Box.MinLon + Margin, crew.Box.MaxLon - Margin);
        return (crew.Lat, crew.Lon);
    }

    /// <summary>
    /// An AgencyStaff bearer token for one person, as the API's options name the claims (issuer, audience and role
    /// claim from Api/appsettings.json), HS256 over the shared key; valid for a day.
    /// </summary>
    public static string Token(string key, string subject, string agency)
    {
        static string Part(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Part(JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT" }));
        var payload = Part(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = "bacgiang-incidents", ["aud"] = "bacgiang-incidents-api", ["sub"] = subject, ["role"] = "AgencyStaff", ["agency"] = agency,
            ["iat"] = now, ["nbf"] = now - 5, ["exp"] = now + 24 * 3600,
        }));
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Part(signature)}";
    }

    private static double Between(Random random, double min, double max) => min + Margin + random.NextDouble() * (max - min - 2 * Margin);

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);
}

/// <summary>Dispatchers' consoles on their agencies' live feeds, counting the events that reach them.</summary>
internal sealed class ConsoleFeeds
{
    private long incidents;
    private long crews;
    private int open;

    public (long Incident, long Crew) Counts => (Interlocked.Read(ref incidents), Interlocked.Read(ref crews));

    public async Task WaitUntilFollowing(int count)
    {
        for (var waited = 0; Volatile.Read(ref open) < count; waited++)
        {
            if (waited > 600) throw new TimeoutException($"Only {open} of {count} consoles are following their feeds.");
            await Task.Delay(100);
        }
    }

    public async Task Follow(HttpClient http, string agency, string token, CancellationToken stop)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/live/agencies/{agency}");
        request.Headers.Authorization = new("Bearer", token);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, stop);
            response.EnsureSuccessStatusCode();
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(stop));
            while (await reader.ReadLineAsync(stop) is { } line)
            {
                if (line == ": following") Interlocked.Increment(ref open);
                else if (line == "event: incident") Interlocked.Increment(ref incidents);
                else if (line == "event: crew") Interlocked.Increment(ref crews);
            }
            throw new InvalidOperationException($"The live feed of {agency} ended.");
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The benchmark is over.
        }
    }
}

/// <summary>One phase's latencies (ms, from when each request was due, sorted) and errors.</summary>
internal sealed record Phase(
    double Seconds, List<double> Reports, int ReportErrors, double ReportLagP99,
    List<double> Positions, int PositionErrors, double PositionLagP99, IReadOnlyList<string> FirstErrors)
{
    /// <summary>The API's, the silo's and this cluster's PostgreSQL's CPU during the phase.</summary>
    public double ServerCpuMs { get; init; }
}

internal static class Stats
{
    public static double P(List<double> sorted, double q) =>
        sorted.Count == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(q * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static string Row(List<double> ms) => $"{P(ms, 0.5):F1} ms | {P(ms, 0.95):F1} ms | {P(ms, 0.99):F1} ms | {(ms.Count == 0 ? double.NaN : ms[^1]):F0} ms";

    public static string Line(List<double> ms) =>
        $"p50 {P(ms, 0.5):F1} ms, p95 {P(ms, 0.95):F1} ms, p99 {P(ms, 0.99):F1} ms, max {(ms.Count == 0 ? double.NaN : ms[^1]):F0} ms";
}

/// <summary>
/// The open-loop load: every request has its due instant on a schedule fixed before the phase starts (reports
/// evenly spaced at the rate; each crew every <c>every</c> seconds from a random offset), is sent then whether or not
/// earlier ones have been answered, and its latency runs from when it was due, so a stall on the server (or in this
/// generator) shows in the figures instead of slowing the load down.
/// </summary>
internal sealed class Load(HttpClient http, List<BenchCrew> crews, string[] communes, string[] categories, Random random, int rate, int every)
{
    private int nextReport;

    private readonly record struct Sample(bool IsReport, double Ms, double LagMs, string? Error);

    public async Task<Phase> Run(int seconds, bool withCrews)
    {
        var events = new List<(double Due, int Crew)>(rate * seconds + (withCrews ? crews.Count * (seconds / every + 1) : 0));
        for (var i = 0; i < rate * seconds; i++) events.Add(((double)i / rate, -1));
        if (withCrews)
            for (var c = 0; c < crews.Count; c++)
                for (var due = random.NextDouble() * every; due < seconds; due += every)
                    events.Add((due, c));
        events.Sort((x, y) => x.Due.CompareTo(y.Due));

        var tasks = new List<Task<Sample>>(events.Count);
        var start = Stopwatch.GetTimestamp();
        foreach (var (due, crew) in events)
        {
            var dueAt = start + (long)(due * Stopwatch.Frequency);
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), dueAt);
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait);
            tasks.Add(crew < 0 ? Report(nextReport++, dueAt) : Position(crews[crew], dueAt));
        }
        var samples = await Task.WhenAll(tasks);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;

        List<double> Sorted(bool reports) => samples.Where(s => s.IsReport == reports && s.Error is null).Select(s => s.Ms).Order().ToList();
        double LagP99(bool reports) => Stats.P(samples.Where(s => s.IsReport == reports).Select(s => s.LagMs).Order().ToList(), 0.99);
        return new Phase(Math.Min(elapsed, seconds), Sorted(true), samples.Count(s => s.IsReport && s.Error is not null), LagP99(true),
            Sorted(false), samples.Count(s => !s.IsReport && s.Error is not null), LagP99(false),
            samples.Where(s => s.Error is not null).Select(s => s.Error!).Distinct().Take(5).ToList());
    }

    private async Task<Sample> Report(int i, long dueAt)
    {
        // Each report somewhere else: a ~330 m grid over Bắc Giang with the category changing fastest, so no report is
        // within the duplicate radius (150 m) of an earlier one of its category until 643,500 reports.
        var cell = i / categories.Length;
        var body = JsonSerializer.Serialize(new
        {
            category = categories[i % categories.Length],
            description = $"Dispatch benchmark report {i}",
            lat = 21.15 + cell % 150 * 0.003,
            lon = 105.95 + cell / 150 % 330 * 0.003,
            communeCode = communes[i % communes.Length],
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", $"dispatch-bench-{Environment.ProcessId}-{i}");
        return await Send(request, HttpStatusCode.Created, isReport: true, dueAt);
    }

    private async Task<Sample> Position(BenchCrew crew, long dueAt)
    {
        var (lat, lon) = BenchData.Move(crew, random);
        var at = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/crews/{crew.Id}/position")
        {
            Content = JsonContent.Create(new { lat, lon, at }),
        };
        request.Headers.Authorization = new("Bearer", crew.Token);
        return await Send(request, HttpStatusCode.OK, isReport: false, dueAt);
    }

    private async Task<Sample> Send(HttpRequestMessage request, HttpStatusCode expected, bool isReport, long dueAt)
    {
        var lag = Stopwatch.GetElapsedTime(dueAt, Stopwatch.GetTimestamp()).TotalMilliseconds;
        string? error = null;
        try
        {
            using var response = await http.SendAsync(request);
            if (response.StatusCode != expected)
                error = $"{request.Method} {request.RequestUri}: {(int)response.StatusCode} {Truncate(await response.Content.ReadAsStringAsync())}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            error = $"{request.Method} {request.RequestUri}: {e.GetType().Name} {e.Message}";
        }
        return new Sample(isReport, Stopwatch.GetElapsedTime(dueAt).TotalMilliseconds, lag, error);
    }

    private static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
