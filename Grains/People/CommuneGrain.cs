using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using NodaTime;
using Orleans.Streams;

namespace BacGiang.Incidents.Grains.People;

/// <summary>
/// A commune: its people and counters (<see cref="StaffedUnitGrain"/>), and the live hub its consoles follow. Its
/// incidents tell it of every change, in order, so it publishes them to the commune's stream while a console follows.
/// </summary>
public sealed class CommuneGrain(
    [PersistentState("commune", StorageNames.Incidents)] IPersistentState<StaffedUnitState> state,
    ReferenceData reference,
    IOpenIncidentSource incidents,
    IClock clock,
    ILogger<CommuneGrain> logger) : StaffedUnitGrain(state, reference, incidents, clock, logger), ICommuneGrain
{
    private static readonly Duration FollowFor = Duration.FromMinutes(2);
    private Instant followedUntil;

    protected override UnitKind Kind => UnitKind.Commune;

    public Task Follow()
    {
        followedUntil = Now + FollowFor;
        return Task.CompletedTask;
    }

    protected override async Task Tracked(IncidentSummary summary)
    {
        // An incident dispatched elsewhere is the other commune's to show.
        if (Now > followedUntil || summary.Commune != this.GetPrimaryKeyString()) return;
        try
        {
            await this.GetStreamProvider(LiveStreams.Provider).GetStream<LiveUpdate>(StreamId.Create(LiveStreams.Communes, summary.Commune))
                .OnNextAsync(new LiveUpdate(summary));
        }
        catch (Exception e)
        {
            // Consoles refetch their list from the read model; a lost live update delays, never loses.
            Logger.LogWarning(e, "Commune {Commune}: live update of {IncidentId} not streamed", summary.Commune, summary.IncidentId);
        }
    }
}
