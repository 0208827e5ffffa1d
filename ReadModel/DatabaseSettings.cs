using Microsoft.Extensions.Configuration;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

public static class DatabaseSettings
{
    public const string ConnectionStringName = "Incidents";

    /// <summary>The PostgreSQL connection string, or a clear stop: nothing of this system runs without its database.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment variable ConnectionStrings__{ConnectionStringName}).");

    /// <summary>The connection string as the silo uses it: <see cref="Tuned"/>.</summary>
    public static string SiloConnectionString(IConfiguration configuration) => Tuned(ConnectionString(configuration));

    /// <summary>
    /// The same few statements run thousands of times a second (appends, the duplicate lookup, grain state and
    /// reminder rows): prepared once per connection, PostgreSQL parses and plans them once instead of per call; and no
    /// connection keeps session state, so handing one back to the pool needs no reset round trip. Set either in the
    /// connection string to override.
    /// </summary>
    public static string Tuned(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!Mentions(connectionString, "Max Auto Prepare", "MaxAutoPrepare")) builder.MaxAutoPrepare = 64;
        if (!Mentions(connectionString, "No Reset On Close", "NoResetOnClose")) builder.NoResetOnClose = true;
        return builder.ConnectionString;
    }

    private static bool Mentions(string connectionString, params string[] keys) =>
        keys.Any(k => connectionString.Contains(k, StringComparison.OrdinalIgnoreCase));
}
