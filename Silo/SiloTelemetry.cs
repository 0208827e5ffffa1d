using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;

namespace BacGiang.Incidents.Silo;

/// <summary>The silo's traces and metrics (<see cref="TelemetrySetup"/>), and its own Prometheus scrape listener when a port is set.</summary>
public static class SiloTelemetry
{
    public const string ServiceName = "bacgiang-silo";

    public static IHostApplicationBuilder AddSiloTelemetry(this IHostApplicationBuilder builder)
    {
        var options = TelemetrySetup.Options(builder.Configuration);
        var telemetry = builder.AddIncidentTelemetry(options, ServiceName, ProjectionReporter.MeterName);
        // A silo has no web server of its own; a scraper reaches it on a port of its own (loopback by default).
        if (options.PrometheusPort > 0)
            telemetry.WithMetrics(m => m.AddPrometheusHttpListener(o =>
            {
                o.Host = options.PrometheusHost;
                o.Port = options.PrometheusPort;
            }));
        return builder;
    }
}
