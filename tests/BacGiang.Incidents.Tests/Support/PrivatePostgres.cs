using System.Diagnostics;
using BacGiang.Incidents.Silo;
using Microsoft.Extensions.Logging.Abstractions;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// A PostgreSQL server of one test's own, which the test may stop and start again (the shared test server must
/// stay up for everyone else). Lives in .local/pg-&lt;name&gt; on a free port, with the schema applied.
/// </summary>
public sealed class PrivatePostgres : IAsyncDisposable
{
    private readonly string directory;
    private readonly int port;

    private PrivatePostgres(string directory, int port, string connectionString)
    {
        this.directory = directory;
        this.port = port;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PrivatePostgres> StartAsync(string name)
    {
        var directory = Path.Combine(Repo.Root, ".local", $"pg-{name}");
        var port = FreePort.Next();
        var output = await Script("start", directory, port.ToString(), "incidents");
        var connectionString = output.Trim().Split('\n').Last() + ";Pooling=true";
        await new SchemaMigrator(connectionString, NullLogger.Instance).MigrateAsync();
        return new PrivatePostgres(directory, port, connectionString);
    }

    public Task Stop() => Script("stop", directory);

    public Task Start() => Script("start", directory, port.ToString(), "incidents");

    public async ValueTask DisposeAsync()
    {
        await Stop();
        Directory.Delete(directory, recursive: true);
    }

    /// <summary>Runs deploy/local/postgres.sh, the run script's own path to PostgreSQL; its output is the last line's connection string.</summary>
    public static async Task<string> Script(params string[] args)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine(Repo.Root, "deploy", "local", "postgres.sh"), .. args])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"postgres.sh {string.Join(' ', args)} failed ({process.ExitCode}): {await stderr}");
        return await stdout;
    }
}
