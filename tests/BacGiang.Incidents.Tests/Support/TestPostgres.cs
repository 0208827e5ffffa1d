using BacGiang.Incidents.Silo;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// The real PostgreSQL the tests run against: installed and started by deploy/local/postgres.sh, the same path the
/// run script takes, in .local/pg-test on a free port (another checkout's cluster may hold any fixed one); if this
/// checkout's cluster is still running, postgres.sh answers with the port it has. Each fixture gets a fresh
/// database with the schema applied.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<string>> Server = new(StartServer);

    /// <param name="migrate">false: an empty database, for a test that restores an older one and migrates it itself.</param>
    public static async Task<string> CreateDatabaseAsync(string prefix, bool migrate = true)
    {
        var admin = await Server.Value;
        var name = $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 17)];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var cs = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        if (migrate) await new SchemaMigrator(cs, NullLogger.Instance).MigrateAsync();
        return cs;
    }

    /// <summary>Runs a plain-format pg_dump file into the database with psql, stopping at the first error.</summary>
    public static async Task RestoreAsync(string connectionString, string dumpFile)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var conninfo = $"host={b.Host} port={b.Port} user={b.Username} dbname={b.Database}";
        var start = new System.Diagnostics.ProcessStartInfo("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", conninfo, "-f", dumpFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (b.Password is { } password) start.Environment["PGPASSWORD"] = password;
        using var psql = System.Diagnostics.Process.Start(start)!;
        var output = psql.StandardOutput.ReadToEndAsync();
        var errors = psql.StandardError.ReadToEndAsync();
        await psql.WaitForExitAsync();
        if (psql.ExitCode != 0) throw new InvalidOperationException($"psql -f {dumpFile} failed: {await errors}{await output}");
    }

    public static async Task DropDatabaseAsync(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(await Server.Value);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }

    private static async Task<string> StartServer()
    {
        var output = await PrivatePostgres.Script("start", Path.Combine(Repo.Root, ".local", "pg-test"), FreePort.Next().ToString(), "postgres");
        return output.Trim().Split('\n').Last() + ";Pooling=true;Maximum Pool Size=50";
    }
}
