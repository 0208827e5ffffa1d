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
        // A silo that is shutting down takes no more: its grains are leaving, and what it would take is the other
        // silos' to wake.
        if (ApplicationStopping.IsCancellationRequested) return false;
        var settings = options.Value;
        var now = clock.GetCurrentInstant();
        var taken = await alarms.Take(now - Duration.FromTimeSpan(settings.Grace), now + Duration.FromTimeSpan(settings.Lease), settings.Batch, cancellationToken);
        if (taken.Count == 0) return false;
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, ApplicationStopping);
        var woken = await Wake(taken, settings, stopping.Token);
        // Once the silo is stopping, the alarms it has not woken yet go back as they were, so another silo's next sweep
        // takes them instead of waiting out the lease (15 s).
        var givenBack = taken.Where(t => !woken.ContainsKey(t)).Select(t => (t, (Instant?)t.Due)).ToList();
        if (givenBack.Count > 0)
            logger.LogInformation("Shutting down: {Count} of {Taken} SLA alarms taken are given back unwoken", givenBack.Count, taken.Count);
        // Not cancelled with the silo: a settle cut short leaves every row of the batch leased for the whole lease. The
        // host's shutdown timeout still bounds it.
        await alarms.Settle([.. woken.Select(w => (w.Key, w.Value)), .. givenBack], CancellationToken.None);
        return taken.Count == settings.Batch;
    }

    private async Task<Dictionary<TakenAlarm, Instant?>> Wake(IReadOnlyList<TakenAlarm> taken, SlaAlarmOptions settings, CancellationToken stopping)
    {
        var woken = new Dictionary<TakenAlarm, Instant?>(taken.Count);
        try
        {
            // In the order taken (the longest due first), no new wake once the silo is stopping.
            await Parallel.ForEachAsync(taken, new ParallelOptions { MaxDegreeOfParallelism = settings.Parallelism, CancellationToken = stopping },
                async (alarm, _) =>
                {
                    try
                    {
                        var next = await grains.GetGrain<IIncidentGrain>(alarm.IncidentId).Wake();
                        lock (woken) woken[alarm] = next;
                    }
                    catch (Exception e) when (e is not OperationCanceledException)
                    {
                        // Due again from now, so a sweep retries it once the grace has passed rather than once the whole
                        // lease has: during a rolling restart a wake fails while its incident moves to another silo, and
                        // waiting out the lease made steps fire up to 20 s late.
                        lock (woken) woken[alarm] = clock.GetCurrentInstant();
                        logger.LogWarning(e, "Incident {IncidentId} could not be woken for its SLA alarm; retrying after the grace", alarm.IncidentId);
                    }
                });
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // The wakes already started have finished; the rest are given back.
        }
        return woken;
    }
}
