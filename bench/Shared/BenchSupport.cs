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

    /// <summary>The benchmarks' own PostgreSQL (.local/pg-bench, port 55434), started by the run script's postgres.sh.</summary>
    public static string StartPostgres(string repo) =>
        Run("bash", [Path.Combine(repo, "deploy", "local", "postgres.sh"), "start", Path.Combine(repo, ".local", "pg-bench"), "55434", "postgres"])
            .Trim().Split('\n')[^1];

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

    /// <summary>The same PostgreSQL's own TPC-B-like rate with 8 clients for 15 s: the yardstick for this machine today.</summary>
    public static double PgbenchTps(string admin)
    {
        var b = new NpgsqlConnectionStringBuilder(admin);
        string[] common = ["-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!];
        Run("bash", ["-c", $"psql {string.Join(' ', common)} -d postgres -qc 'DROP DATABASE IF EXISTS pgbench_baseline' -c 'CREATE DATABASE pgbench_baseline'"]);
        Run("pgbench", [.. common, "-i", "-q", "-s", "10", "pgbench_baseline"]);
        var output = Run("pgbench", [.. common, "-c", "8", "-j", "2", "-T", "15", "pgbench_baseline"]);
        var line = output.Split('\n').First(l => l.StartsWith("tps", StringComparison.Ordinal));
        return double.Parse(line.Split('=')[1].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
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
