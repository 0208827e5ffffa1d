using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Orleans.Concurrency;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// The stateless step before an incident: the duplicate lookup, then filing or attaching. Reentrant, because a
/// stateless worker has only as many activations as the silo has cores, and without interleaving each would hold
/// one report at a time while it waits on PostgreSQL: two in flight on this 2-core machine was the intake's cap.
/// </summary>
[StatelessWorker, Reentrant]
public sealed class ReportIntakeGrain(IDuplicateFinder duplicates, IOptions<DuplicateOptions> options, GrainReferences grains, IClock clock, ILogger<ReportIntakeGrain> logger)
    : Grain, IReportIntakeGrain
{
    private readonly DuplicatePolicy policy = new(options.Value);

    public async Task<FileResult> File(ReportDetails report, Actor reporter, string trackingCode)
    {
        var incident = grains.Get<IIncidentGrain>(trackingCode);
        var lookup = await duplicates.Lookup(trackingCode, policy.QueryFor(report, clock.GetCurrentInstant()));
        // A retry (same Idempotency-Key, so the same code) of a report that became this incident stays with it,
        // even if an older incident nearby has reached the read model since.
        if (lookup.CodeTaken) return await incident.File(report, reporter);
        if (lookup.Duplicate is { } existing && existing != trackingCode)
        {
            // A first try still under way when the lookup ran is not in the log yet, but its activation is; asking it
            // waits for that try.
            if (await incident.Get() is not null) return await incident.File(report, reporter);
            var attached = await grains.Get<IIncidentGrain>(existing).Attach(report, reporter);
            if (attached.Outcome is not FileOutcome.NotOpen)
            {
                logger.LogInformation("Report via {Channel} is about incident {IncidentId}: {Outcome}", report.Channel, existing, attached.Outcome);
                return attached;
            }
            // Closed since the read model last heard of it: this report starts a new incident.
        }
        return await incident.FileNew(report, reporter);
    }
}
