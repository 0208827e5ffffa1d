using BacGiang.Incidents.Tests.Support;
using Npgsql;

namespace BacGiang.Incidents.Tests.Scripts;

/// <summary>deploy/local/postgres.sh as a developer calls it by hand.</summary>
public sealed class PostgresScriptTests
{
    [Fact]
    public async Task Start_with_a_relative_folder_returns_and_the_server_answers()
    {
        var name = "pg-relative-" + Guid.NewGuid().ToString("N")[..8];
        var relative = Path.Combine(".local", name);
        var port = FreePort.Next().ToString();
        try
        {
            // Bounded: before the fix the script walked up a relative path towards "/" forever.
            var started = await LocalScripts.Run("postgres.sh", ["start", relative, port, "incidents"], new Dictionary<string, string>(), TimeSpan.FromSeconds(90));
            Assert.True(started.ExitCode == 0, started.Output);

            await using var connection = new NpgsqlConnection(started.Output.Trim().Split('\n').Last());
            await connection.OpenAsync();
            await using var query = new NpgsqlCommand("SELECT current_database()", connection);
            Assert.Equal("incidents", await query.ExecuteScalarAsync());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await LocalScripts.Run("postgres.sh", ["stop", relative], new Dictionary<string, string>(), TimeSpan.FromSeconds(60));
            var full = Path.Combine(Repo.Root, relative);
            if (Directory.Exists(full)) Directory.Delete(full, recursive: true);
        }
    }
}
