using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
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

/// <summary>
/// How far the read model is behind, as the silos report it. A lagging projection leaves the API ready (reports
/// are still accepted and kept) but degraded: lists and reports are behind by the lag shown.
/// </summary>
public sealed class ProjectionHealthCheck(IClusterClient cluster, IOptions<HealthOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var report = await cluster.GetGrain<IProjectionMonitorGrain>(0).Get().WaitAsync(TimeSpan.FromSeconds(5), cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["lagSeconds"] = Math.Round(report.Lag.TotalSeconds, 1),
                ["pendingIncidents"] = report.Pending,
                ["failingIncidents"] = report.Failing,
                ["silosReporting"] = report.Silos.Count,
            };
            var description = $"read model {report.Lag.TotalSeconds:0.#} s behind; {report.Pending} incident(s) pending, {report.Failing} failing";
            return report.Lag.TotalSeconds > options.Value.MaxProjectionLagSeconds
                ? HealthCheckResult.Degraded(description, data: data)
                : HealthCheckResult.Healthy(description, data);
        }
        catch (Exception e)
        {
            return HealthCheckResult.Degraded("projection status unavailable", e);
        }
    }
}

public sealed class HealthOptions
{
    public const string Section = "Health";

    /// <summary>Read-model lag beyond which /health/ready reports Degraded.</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 86_400)]
    public double MaxProjectionLagSeconds { get; set; } = 30;
}

public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapIncidentHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).RequireRateLimiting(RateLimits.PublicRead);
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { ResponseWriter = WriteDetails }).RequireRateLimiting(RateLimits.PublicRead);
        return app;
    }

    private static Task WriteDetails(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        return http.Response.WriteAsync(JsonSerializer.Serialize(new
        {
            status = report.Status.ToString(),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description,
                error = e.Value.Exception?.Message,
                data = e.Value.Data.Count > 0 ? e.Value.Data : null,
            }),
        }));
    }
}
