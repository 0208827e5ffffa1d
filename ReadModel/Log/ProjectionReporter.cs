using System.Diagnostics.Metrics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// Publishes this silo's projection lag: as metrics (meter "BacGiang.Incidents", for any OpenTelemetry or
/// dotnet-counters reader) and to the projection monitor grain, which the API's /health/ready shows.
/// </summary>
public sealed class ProjectionReporter : BackgroundService
{
    public const string MeterName = "BacGiang.Incidents";
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    private readonly IProjectionStatusSource source;
    private readonly IGrainFactory grains;
    private readonly ILocalSiloDetails silo;
    private readonly ILogger<ProjectionReporter> logger;

    public ProjectionReporter(IProjectionStatusSource source, IGrainFactory grains, ILocalSiloDetails silo, IMeterFactory meters, ILogger<ProjectionReporter> logger)
    {
        this.source = source;
        this.grains = grains;
        this.silo = silo;
        this.logger = logger;
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("incidents.projection.lag", () => source.Status().Lag.TotalSeconds, "s",
            "Age of the oldest incident change not yet in the read model");
        meter.CreateObservableGauge("incidents.projection.pending", () => source.Status().Pending, "{incident}",
            "Incidents waiting for or in a read-model batch");
        meter.CreateObservableGauge("incidents.projection.failing", () => source.Status().Failing, "{incident}",
            "Incidents whose last projection failed and will be retried");
        meter.CreateObservableCounter("incidents.projection.events", () => source.Status().ProjectedEvents, "{event}",
            "Events written to the read model");
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The first report waits a tick: hosted services start before the silo has joined its cluster.
        using var timer = new PeriodicTimer(Interval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await grains.GetGrain<IProjectionMonitorGrain>(0).Report(silo.SiloAddress.ToParsableString(), source.Status());
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The cluster may still be starting, or the monitor's silo just died: the next tick tries again.
                logger.LogDebug(e, "Projection status not reported");
            }
        }
    }
}
