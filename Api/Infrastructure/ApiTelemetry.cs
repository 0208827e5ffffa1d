using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Telemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Orleans.Dashboard;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// The API's traces and metrics (<see cref="TelemetrySetup"/>) plus ASP.NET Core's, and the operators' pages: the
/// Prometheus scrape at /metrics and the Orleans dashboard at /dashboard, both for admins only.
/// </summary>
public static class ApiTelemetry
{
    public const string ServiceName = "bacgiang-api";
    public const string MetricsPath = "/metrics";
    public const string DashboardPath = "/dashboard";

    public static IHostApplicationBuilder AddApiTelemetry(this IHostApplicationBuilder builder)
    {
        var telemetry = builder.AddIncidentTelemetry(ServiceName, ProjectionReporter.MeterName)
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddPrometheusExporter());
        if (TelemetrySetup.Traces(builder.Configuration))
            telemetry.WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = Traced));
        return builder;
    }

    /// <summary>Probes and scrapes arrive every few seconds and say nothing about a citizen's request: not traced.</summary>
    private static bool Traced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(MetricsPath);

    public static WebApplication MapOperatorPages(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AuthSetup.AdminPolicy);
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(AuthSetup.AdminPolicy);
        app.MapDashboardSession(DashboardPath);
        return app;
    }
}
