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
        var options = TelemetrySetup.Options(builder.Configuration);
        var telemetry = builder.AddIncidentTelemetry(options, ServiceName, ProjectionReporter.MeterName)
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddPrometheusExporter());
        if (options.ExportsTraces)
            telemetry.WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.Filter = Traced));
        return builder;
    }

    /// <summary>Probes and scrapes arrive every few seconds and say nothing about a citizen's request: not traced.</summary>
    private static bool Traced(HttpContext context) =>
        !context.Request.Path.StartsWithSegments("/health") && !context.Request.Path.StartsWithSegments(MetricsPath);

    private static readonly string[] SiloPages = ["SiloProperties", "SiloMetadata", "SiloStats", "SiloCounters", "HistoricalStats"];

    /// <summary>The silo address in a dashboard silo page's path (/dashboard/SiloStats/{address}), if it is one.</summary>
    private static string? DashboardSiloAddress(PathString path)
    {
        if (!path.StartsWithSegments(DashboardPath, out var rest) || rest.Value is not { Length: > 1 } tail) return null;
        var parts = tail[1..].Split('/', 2);
        return parts.Length == 2 && SiloPages.Contains(parts[0], StringComparer.Ordinal) ? Uri.UnescapeDataString(parts[1]) : null;
    }

    private static bool IsSiloAddress(string text)
    {
        try
        {
            _ = Orleans.Runtime.SiloAddress.FromParsableString(text);
            return true;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException or OverflowException)
        {
            return false;
        }
    }

    public static WebApplication MapOperatorPages(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(AuthSetup.AdminPolicy);
        // The dashboard's own JSON calls are its page's business, not part of this API's document.
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(AuthSetup.AdminPolicy).ExcludeFromDescription();
        // Its silo pages take a silo address it parses without looking: one it cannot parse is the caller's mistake
        // (400), not a server error (the API fuzz found the 500s). Checked after authorization, before the dashboard.
        app.Use(async (context, next) =>
        {
            if (DashboardSiloAddress(context.Request.Path) is { } address && !IsSiloAddress(address))
            {
                await Problems.Invalid("address", "is not a silo address (such as S10.0.0.5:11111:123456789)").ExecuteAsync(context);
                return;
            }
            await next(context);
        });
        app.MapDashboardSession(DashboardPath);
        return app;
    }
}
