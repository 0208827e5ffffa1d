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

    public static async Task<string> CreateDatabaseAsync(string prefix)
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
        await new SchemaMigrator(cs, NullLogger.Instance).MigrateAsync();
        return cs;
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
