using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Orleans.Runtime;

namespace BacGiang.Incidents.Api.Infrastructure;

public sealed class PostgresHealthCheck(NpgsqlDataSource database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var command = database.CreateCommand("SELECT count(*) FROM schema_migrations");
            var migrations = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
            return HealthCheckResult.Healthy($"{migrations} migrations applied");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL unreachable or schema missing", e);
        }
    }
}

/// <summary>Ready means a silo answers: the management grain lists the active silos.</summary>
public sealed class ClusterHealthCheck(IClusterClient cluster) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var hosts = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            return hosts.Count > 0
                ? HealthCheckResult.Healthy($"{hosts.Count} active silo(s)")
                : HealthCheckResult.Unhealthy("no active silo");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("cluster unreachable", e);
        }
    }
}

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapIncidentHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteDetails });
        return app;
    }

    private static Task WriteDetails(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new { status = e.Value.Status.ToString(), e.Value.Description, error = e.Value.Exception?.Message }),
        }));
    }
}
