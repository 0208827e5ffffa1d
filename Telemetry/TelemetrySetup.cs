using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace BacGiang.Incidents.Telemetry;

/// <summary>
/// OpenTelemetry for the silo and the API alike: traces from HTTP through grain calls (Orleans' activity sources, with
/// activity propagation on both sides) to PostgreSQL (Npgsql), under one trace id; metrics of this system's meter,
/// Orleans', Npgsql's and the runtime's. A host adds what only it has (ASP.NET Core, its scrape endpoint).
/// </summary>
public static class TelemetrySetup
{
    /// <summary>Every Orleans activity source (runtime and application grain calls).</summary>
    public const string OrleansSources = "Microsoft.Orleans.*";

    public const string OrleansMeter = "Microsoft.Orleans";

    public const string NpgsqlMeter = "Npgsql";

    /// <summary>
    /// The console log line of both processes. It ends with the trace id of the request or grain call that wrote it
    /// (empty outside one), so a line leads to its trace; the JSON form carries it as @tr.
    /// </summary>
    public const string LogTemplate = "[{Timestamp:HH:mm:ss.fff} {Level:u3}] {SourceContext}: {Message:lj} {TraceId}{NewLine}{Exception}";

    /// <summary>The Telemetry section as set; what a host needs to decide its own part (its scrape listener, its spans).</summary>
    public static TelemetryOptions Options(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new TelemetryOptions();

    public static OpenTelemetryBuilder AddIncidentTelemetry(this IHostApplicationBuilder builder, TelemetryOptions options, string serviceName, params string[] meters)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var collector = options.ExportsTraces ? new Uri(options.OtlpEndpoint!.TrimEnd('/') + "/") : null;

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"))
            .WithMetrics(m =>
            {
                m.AddMeter([.. meters, OrleansMeter, NpgsqlMeter]).AddRuntimeInstrumentation().AddHttpClientInstrumentation();
                if (collector is not null) m.AddOtlpExporter(o => Collector(o, collector, "v1/metrics"));
            });
        // Without a collector nothing listens to the activity sources, so grain calls and queries create no spans at
        // all: tracing costs nothing where nobody reads it.
        if (collector is not null)
            telemetry.WithTracing(t => t
                .SetSampler(new ParentBasedSampler(new TraceIdRatioBasedSampler(options.TraceSampleRatio)))
                .AddSource(OrleansSources)
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                .AddOtlpExporter(o => Collector(o, collector, "v1/traces")));
        return telemetry;
    }

    /// <summary>OTLP over HTTP (protobuf) to the collector's path for the signal, as the OTLP/HTTP specification names them.</summary>
    private static void Collector(OtlpExporterOptions o, Uri collector, string path)
    {
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
        o.Endpoint = new Uri(collector, path);
    }
}
