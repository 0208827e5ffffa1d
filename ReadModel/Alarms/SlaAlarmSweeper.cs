using BacGiang.Incidents.Domain;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// Wakes incidents whose alarm (table sla_alarms, written with their events) has fallen due, from every silo at once:
/// each sweep leases due rows (FOR UPDATE SKIP LOCKED, so two silos never take the same one), wakes those incidents in
/// parallel, and sets each alarm to what its incident answers, unless the incident moved it itself meanwhile. This
/// is what brings an incident back after its silo died; while it lives, its own timer fires first.
/// </summary>
public sealed class SlaAlarmSweeper(
    SlaAlarms alarms,
    IGrainFactory grains,
    IHostApplicationLifetime lifetime,
    IOptions<SlaAlarmOptions> options,
    IClock clock,
    ILogger<SlaAlarmSweeper> logger) : Sweeper(lifetime, logger)
{
    protected override string What => "SLA alarms";

    protected override TimeSpan Interval => options.Value.SweepInterval;

    // Leased alarms come back when their lease runs out.
    protected override bool Transient(Exception e) => e is NpgsqlException or TimeoutException or InvalidOperationException;

    protected override async Task<bool> Sweep(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetCurrentInstant();
        var taken = await alarms.Take(now - Duration.FromTimeSpan(settings.Grace), now + Duration.FromTimeSpan(settings.Lease), settings.Batch, cancellationToken);
        if (taken.Count > 0) await alarms.Settle(await Wake(taken, settings, cancellationToken), cancellationToken);
        return taken.Count == settings.Batch;
    }


    private async Task<IReadOnlyList<(TakenAlarm Alarm, Instant? Next)>> Wake(IReadOnlyList<TakenAlarm> taken, SlaAlarmOptions settings, CancellationToken cancellationToken)
    {
        var woken = new List<(TakenAlarm, Instant?)>(taken.Count);
        await Parallel.ForEachAsync(taken, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = cancellationToken },
            async (alarm, _) =>
            {
                try
                {
                    var next = await grains.GetGrain<IIncidentGrain>(alarm.IncidentId).Wake();
                    lock (woken) woken.Add((alarm, next));
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Due again from now, so a sweep retries it once the grace has passed rather than once the whole
                    // lease has: during a rolling restart a wake fails while its incident moves to another silo, and
                    // waiting out the lease made steps fire up to 20 s late.
                    lock (woken) woken.Add((alarm, clock.GetCurrentInstant()));
                    logger.LogWarning(e, "Incident {IncidentId} could not be woken for its SLA alarm; retrying after the grace", alarm.IncidentId);
                }
            });
        return woken;
    }

}
