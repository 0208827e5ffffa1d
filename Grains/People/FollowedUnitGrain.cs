using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using NodaTime;
using Orleans.Streams;

namespace BacGiang.Incidents.Grains.People;

/// <summary>
/// A unit with a console that follows it live: while followed, it publishes what changes on its stream
/// (<see cref="LiveStreams"/>). Its incidents tell it of every change, in order, through <see cref="StaffedUnitGrain.Track"/>.
/// </summary>
public abstract class FollowedUnitGrain(
    IPersistentState<StaffedUnitState> state,
    ReferenceData reference,
    IOpenIncidentSource incidents,
    IClock clock,
    ILogger logger) : StaffedUnitGrain(state, reference, incidents, clock, logger), IFollowedUnitGrain
{
    private static readonly Duration FollowFor = Duration.FromMinutes(2);
    private Instant followedUntil;

    /// <summary>The stream namespace of this kind of unit.</summary>
    protected abstract string StreamNamespace { get; }

    /// <summary>Whether the summary is this unit's to show (an incident dispatched elsewhere is the other unit's).</summary>
    protected abstract bool Shows(IncidentSummary summary);

    public Task Follow()
    {
        followedUntil = Now + FollowFor;
        return Task.CompletedTask;
    }

    protected override Task Tracked(IncidentSummary summary) => Shows(summary) ? Publish(new LiveUpdate(summary)) : Task.CompletedTask;

    protected async Task Publish(LiveUpdate update)
    {
        if (Now > followedUntil) return;
        try
        {
            await this.GetStreamProvider(LiveStreams.Provider).GetStream<LiveUpdate>(StreamId.Create(StreamNamespace, Code)).OnNextAsync(update);
        }
        catch (Exception e)
        {
            // Consoles refetch their lists from the read model; a lost live update delays, never loses.
            Logger.LogWarning(e, "{Namespace} {Unit}: live update of {IncidentId} {CrewId} not streamed", StreamNamespace, Code, update.Incident?.IncidentId, update.Crew?.CrewId);
        }
    }
}
