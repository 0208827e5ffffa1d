using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Telemetry;

/// <summary>Where traces and metrics go. Nothing set: metrics are still measured (for the scrape endpoints), traces are not.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Base address of an OTLP/HTTP collector (e.g. http://otel-collector:4318); traces and metrics are sent there.</summary>
    [Url] public string? OtlpEndpoint { get; set; }

    /// <summary>Share of traces kept when this process starts one (a caller's sampling decision is followed).</summary>
    [Range(0.0, 1.0)] public double TraceSampleRatio { get; set; } = 1.0;

    /// <summary>Silo only: port of its Prometheus scrape listener; 0 for none. The API serves /metrics to admins instead.</summary>
    [Range(0, 65535)] public int PrometheusPort { get; set; }

    /// <summary>Silo only: the host the scrape listener binds; loopback unless a scraper on another machine needs it.</summary>
    [Required] public string PrometheusHost { get; set; } = "127.0.0.1";

    /// <summary>Whether spans are made and sent: only when a collector is configured, since nobody else reads them.</summary>
    public bool ExportsTraces => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
