using Microsoft.Extensions.Configuration;

namespace BacGiang.Incidents.Silo;

public static class DatabaseSettings
{
    public const string ConnectionStringName = "Incidents";

    /// <summary>The PostgreSQL connection string, or a clear stop: nothing of this system runs without its database.</summary>
    public static string ConnectionString(IConfiguration configuration) =>
        configuration.GetConnectionString(ConnectionStringName) is { Length: > 0 } cs
            ? cs
            : throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set (environment variable ConnectionStrings__{ConnectionStringName}).");
}
