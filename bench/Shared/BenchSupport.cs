using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace BacGiang.Incidents.Bench;

/// <summary>What every benchmark needs: the repository, its PostgreSQL, a few SQL helpers and the pgbench yardstick.</summary>
public static class BenchSupport
{
    public static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "BacGiang.Incidents.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run from inside the repository.");
    }

    /// <summary>The benchmarks' own PostgreSQL cluster's folder (.local/pg-bench).</summary>
    private static string PostgresFolder(string repo) => Path.Combine(repo, ".local", "pg-bench");

    /// <summary>The benchmarks' own PostgreSQL (.local/pg-bench, port 55434), started by the run script's postgres.sh.</summary>
    public static string StartPostgres(string repo) =>
        Run("bash", [Path.Combine(repo, "deploy", "local", "postgres.sh"), "start", PostgresFolder(repo), "55434", "postgres"])
            .Trim().Split('\n')[^1];

    /// <summary>
    /// The local cluster CA and certificates, made once in .local/tls by deploy/local/cluster-certs.sh as run.sh does:
    /// a benchmark's silo, API and Orleans client talk over mutual TLS, as in a deployment.
    /// </summary>
    public static ClusterCertificates Certificates(string repo)
    {
        var directory = Path.Combine(repo, ".local", "tls");
        Run("bash", [Path.Combine(repo, "deploy", "local", "cluster-certs.sh"), directory]);
        return new ClusterCertificates(directory);
    }

    /// <summary>One of our programs as built in this benchmark's own configuration; a clear stop when it is not built.</summary>
    public static string BuiltDll(string repo, string project)
    {
        var separator = Path.DirectorySeparatorChar;
        var configuration = AppContext.BaseDirectory.Contains($"{separator}Release{separator}") ? "Release" : "Debug";
        var dll = Path.Combine(repo, project, "bin", configuration, "net10.0", $"BacGiang.Incidents.{project}.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build the solution in {configuration} first: {dll}");
    }

    public static async Task Sql(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    public static async Task<long> Scalar(string cs, string sql)
    {
        await using var connection = new NpgsqlConnection(cs);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// The yardstick of DESIGN.md §10, measured on the same PostgreSQL in the same run: pgbench with a one-row
    /// 800-byte upsert per transaction (random keys over a million rows, fsync on), 16 clients for 15 s.
    /// </summary>
    public static double PgbenchTps(string admin)
    {
        var b = new NpgsqlConnectionStringBuilder(admin);
        string[] common = ["-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!];
        Run("bash", ["-c", $"psql {string.Join(' ', common)} -d postgres -qc 'DROP DATABASE IF EXISTS pgbench_baseline' -c 'CREATE DATABASE pgbench_baseline'"]);
        Run("psql", [.. common, "-d", "pgbench_baseline", "-qc", "CREATE TABLE upsert_baseline (id integer PRIMARY KEY, payload text NOT NULL)"]);
        var script = Path.Combine(Path.GetTempPath(), $"pgbench-upsert-{Environment.ProcessId}.sql");
        File.WriteAllText(script, """
            \set id random(1, 1000000)
            INSERT INTO upsert_baseline (id, payload) VALUES (:id, repeat('x', 800)) ON CONFLICT (id) DO UPDATE SET payload = EXCLUDED.payload;
            """);
        try
        {
            var output = Run("pgbench", [.. common, "-n", "-f", script, "-c", "16", "-j", "2", "-T", "15", "pgbench_baseline"]);
            var line = output.Split('\n').First(l => l.StartsWith("tps", StringComparison.Ordinal));
            return double.Parse(line.Split('=')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>
    /// The statements that took PostgreSQL's time since <see cref="ResetStatements"/>, when the server preloads
    /// pg_stat_statements (add <c>shared_preload_libraries = 'pg_stat_statements'</c> to .local/pg-bench/data/postgresql.conf);
    /// otherwise a line saying so.
    /// </summary>
    public static async Task<string> TopStatements(string cs, int count = 12)
    {
        try
        {
            await using var connection = new NpgsqlConnection(cs);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"""
                SELECT string_agg(format('  %s calls, %s ms: %s', calls, round(total_exec_time::numeric), left(regexp_replace(query, '\s+', ' ', 'g'), 100)), E'\n' ORDER BY total_exec_time DESC)
                  FROM (SELECT * FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT {count}) t
                """, connection);
            return (await command.ExecuteScalarAsync())?.ToString() ?? "";
        }
        catch (PostgresException e)
        {
            return $"  (no statement breakdown: {e.MessageText})";
        }
    }

    public static async Task ResetStatements(string cs)
    {
        try
        {
            await Sql(cs, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
            await Sql(cs, "SELECT pg_stat_statements_reset()");
        }
        catch (PostgresException)
        {
            // Not preloaded: TopStatements says so.
        }
    }

    public static string Run(string file, string[] arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed: {stderr.Result}{stdout.Result}");
        return stdout.Result;
    }

    /// <summary>Starts one of our processes with its output in a log file, as run.sh does.</summary>
    public static Process Start(string dll, IReadOnlyDictionary<string, string> environment, string log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(log)!);
        var start = new ProcessStartInfo("bash", ["-c", $"exec dotnet '{dll}' >'{log}' 2>&1"]);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        return Process.Start(start)!;
    }

    /// <summary>
    /// CPU time (user + system) so far, in ms, from /proc, of each named process and, as "postgres", of the benchmarks'
    /// PostgreSQL cluster alone: its postmaster with the backends it has reaped and those alive, so connections closing
    /// during a run keep their time, and other clusters on the machine (tests of another checkout) count for nothing.
    /// Our processes are started with exec, so each is one process; a named process's children are not counted (the
    /// benchmark's own children are the silo and the API, counted on their own).
    /// </summary>
    public static Dictionary<string, double> CpuMs(IReadOnlyDictionary<string, int> processes, string repo)
    {
        var result = processes.ToDictionary(p => p.Key, p => Stat(p.Value) is { } f ? Ms(f[11] + f[12]) : 0);
        var postmaster = int.Parse(File.ReadLines(Path.Combine(PostgresFolder(repo), "data", "postmaster.pid")).First(), CultureInfo.InvariantCulture);
        long cluster = 0;
        foreach (var dir in Directory.GetDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid) || Stat(pid) is not { } f) continue;
            if (pid == postmaster) cluster += f[11] + f[12] + f[13] + f[14];
            else if (f[1] == postmaster) cluster += f[11] + f[12];
        }
        result["postgres"] = Ms(cluster);
        return result;
    }

    /// <summary>Every core's busy time on the machine so far, in ms (all but idle and I/O wait).</summary>
    public static double MachineBusyMs()
    {
        var f = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(t => long.Parse(t, CultureInfo.InvariantCulture)).ToArray();
        return Ms(f.Take(8).Sum() - f[3] - f[4]);
    }

    // USER_HZ is 100 on Linux.
    private static double Ms(long ticks) => ticks * 10.0;

    /// <summary>The fields of /proc/PID/stat after "pid (comm) ": [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime.</summary>
    private static long[]? Stat(int pid)
    {
        var stat = SafeRead($"/proc/{pid}/stat");
        return stat.Length == 0 ? null
            : stat[(stat.LastIndexOf(')') + 2)..].Split(' ').Select(t => long.TryParse(t, CultureInfo.InvariantCulture, out var v) ? v : 0).ToArray();
    }

    /// <summary>Whether the API answers <paramref name="path"/> with a success (false while it is still starting).</summary>
    public static async Task<bool> Ok(HttpClient http, string path)
    {
        try
        {
            using var response = await http.GetAsync(path);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static string SafeRead(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>A process's resident memory and its peak, in KiB, from /proc.</summary>
    public static (long Rss, long Peak) Rss(int pid)
    {
        var status = File.ReadAllLines($"/proc/{pid}/status");
        long Kb(string key) => long.Parse(status.First(l => l.StartsWith(key, StringComparison.Ordinal)).Split(':')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return (Kb("VmRSS"), Kb("VmHWM"));
    }

    /// <summary>A private copy of data/ a benchmark may edit.</summary>
    public static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.GetFiles(from)) File.Copy(file, Path.Combine(to, Path.GetFileName(file)), overwrite: true);
        foreach (var sub in Directory.GetDirectories(from)) CopyDirectory(sub, Path.Combine(to, Path.GetFileName(sub)));
    }
}

/// <summary>The files deploy/local/cluster-certs.sh makes, and the ClusterTls settings naming them.</summary>
public sealed record ClusterCertificates(string Directory)
{
    public string CaFile => Path.Combine(Directory, "ca.crt");
    public string ApiCertificateFile => Path.Combine(Directory, "api.crt");
    public string ApiKeyFile => Path.Combine(Directory, "api.key");

    /// <summary>A silo process's settings.</summary>
    public Dictionary<string, string> Silo => Settings("silo");

    /// <summary>The API process's settings (a benchmark's own Orleans client shows the same certificate).</summary>
    public Dictionary<string, string> Api => Settings("api");

    private Dictionary<string, string> Settings(string name) => new()
    {
        ["ClusterTls__CertificateFile"] = Path.Combine(Directory, name + ".crt"),
        ["ClusterTls__KeyFile"] = Path.Combine(Directory, name + ".key"),
        ["ClusterTls__CaCertificateFile"] = CaFile,
    };
}
