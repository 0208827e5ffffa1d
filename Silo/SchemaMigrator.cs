using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace BacGiang.Incidents.Silo;

/// <summary>
/// Applies the versioned SQL files (deploy/sql/V*.sql, embedded in this assembly) in order, each in its own
/// transaction, recording them in <c>schema_migrations</c>. An advisory lock lets several silos start at once.
/// A file changed after it was applied stops the run: history is never rewritten in place.
/// </summary>
public sealed class SchemaMigrator(string connectionString, ILogger logger)
{
    private const long LockKey = 0x42_47_49_4E_43; // "BGINC"

    public sealed record Script(string Version, string Name, string Sql)
    {
        public string Checksum => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Sql))).ToLowerInvariant();
    }

    public static IReadOnlyList<Script> EmbeddedScripts()
    {
        var assembly = typeof(SchemaMigrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith("sql/V", StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n =>
            {
                var file = n["sql/".Length..];
                var version = file[1..file.IndexOf("__", StringComparison.Ordinal)];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(n)!, Encoding.UTF8);
                return new Script(version, file, reader.ReadToEnd());
            })
            .OrderBy(s => s.Version, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Returns the names of the scripts this run applied.</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await Execute(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await Execute(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    text PRIMARY KEY,
                    name       text NOT NULL,
                    checksum   text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var applied = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var read = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection))
            await using (var rows = await read.ExecuteReaderAsync(cancellationToken))
                while (await rows.ReadAsync(cancellationToken)) applied[rows.GetString(0)] = rows.GetString(1);

            var ran = new List<string>();
            foreach (var script in EmbeddedScripts())
            {
                if (applied.TryGetValue(script.Version, out var checksum))
                {
                    if (checksum != script.Checksum)
                        throw new InvalidOperationException(
                            $"Migration {script.Name} was changed after it was applied; add a new V-file instead of editing an applied one.");
                    continue;
                }
                await using var tx = await connection.BeginTransactionAsync(cancellationToken);
                await using (var apply = new NpgsqlCommand(script.Sql, connection, tx)) await apply.ExecuteNonQueryAsync(cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)", connection, tx))
                {
                    record.Parameters.AddWithValue(script.Version);
                    record.Parameters.AddWithValue(script.Name);
                    record.Parameters.AddWithValue(script.Checksum);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await tx.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Migration}", script.Name);
                ran.Add(script.Name);
            }
            return ran;
        }
        finally
        {
            await Execute(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
