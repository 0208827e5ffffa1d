using System.Reflection;
using BacGiang.Incidents.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using Orleans.Dashboard;

namespace BacGiang.Incidents.Silo;

/// <summary>
/// Samples the Orleans dashboard's counters every <see cref="SiloHostOptions.DashboardCounterIntervalSeconds"/> instead
/// of the package's fixed second (Microsoft.Orleans.Dashboard 10.4's internal DashboardHost builds its own sampler at
/// 1 s; the package's CounterUpdateIntervalMs option does not reach it). Each sample runs Orleans' observable gauges,
/// two of which walk every activation: at one a second that was 11–13% of a busy silo's CPU (perf, IntakeBench,
/// 60,000–120,000 incidents active). Started after the package's host, this disposes the host's sampler and runs one
/// of its own on the same exporter. Should a later package rename what this reaches by name, the package's sampler
/// stays, a warning says so, and OrleansProvidersTests fails.
/// </summary>
public sealed class DashboardCounterFeed(IServiceProvider services, SiloHostOptions options, ILogger<DashboardCounterFeed> logger) : IHostedService, IDisposable
{
    private const string PackageHost = "Orleans.Dashboard.DashboardHost";
    private const string PackageExporter = "Orleans.Dashboard.Implementation.DashboardTelemetryExporter";
    private const string PackageSamplerField = "_meterProvider";

    private MeterProvider? sampler;

    /// <summary>Whether the sampler now running is this one (false: the package's own, every second).</summary>
    public bool Replaced => sampler is not null;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var assembly = typeof(DashboardOptions).Assembly;
        var hostType = assembly.GetType(PackageHost);
        var exporterType = assembly.GetType(PackageExporter);
        var field = hostType?.GetField(PackageSamplerField, BindingFlags.Instance | BindingFlags.NonPublic);
        var host = hostType is null ? null : services.GetService(hostType);
        if (host is null || field?.GetValue(host) is not MeterProvider packageSampler
            || exporterType is null || services.GetService(exporterType) is not BaseExporter<Metric> exporter)
        {
            logger.LogWarning("Orleans dashboard: its counter sampler could not be replaced; it samples every second");
            return Task.CompletedTask;
        }
        packageSampler.Dispose();
        var milliseconds = options.DashboardCounterIntervalSeconds * 1000;
        sampler = Sdk.CreateMeterProviderBuilder()
            .AddMeter(TelemetrySetup.OrleansMeter)
            .AddReader(new PeriodicExportingMetricReader(exporter, milliseconds, milliseconds))
            .Build();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => sampler?.Dispose();
}
