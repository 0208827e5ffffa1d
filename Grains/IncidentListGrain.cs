using BacGiang.Incidents.Domain;
using Microsoft.Extensions.Logging;
using NodaTime;
using Orleans.Concurrency;
using Orleans.Storage;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// What commune inboxes, agency queues and the triage desk share: a map of open incidents kept from the
/// incidents' own updates. A busy list (a provincial agency's queue) gets many updates a second and its state
/// grows with it, so writes are group-committed: the grain is reentrant, applies each update in memory at
/// once, and every update that arrives while a write is in flight shares the next write. An update still
/// returns only after a write that includes it, so an accepted report's list entry is durable. Updates go to
/// working maps; each write hands the storage provider a snapshot of them, because the provider serializes
/// after its first await, when other updates may already be running.
/// </summary>
[Reentrant]
public abstract class IncidentListGrain(IPersistentState<IncidentListState> state, IClock clock, ILogger logger)
    : Grain, IIncidentListGrain
{
    private Dictionary<string, IncidentSummary> open = new(StringComparer.Ordinal);
    private Dictionary<string, Departure> departed = new(StringComparer.Ordinal);
    private Task? writing;
    private Task? queued;
    // Changes applied in memory, and how many of them the last successful write held: a repeated update after a
    // failed write changes nothing in memory, yet must still wait for a write.
    private long changes;
    private long saved;

    private static readonly Duration ForgetDeparturesAfter = Duration.FromDays(7);

    protected string Owner => this.GetPrimaryKeyString();

    /// <summary>Whether the incident, as it stands now, belongs in this list.</summary>
    protected abstract bool Holds(IncidentSummary incident);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        open = new Dictionary<string, IncidentSummary>(state.State.Open, StringComparer.Ordinal);
        departed = new Dictionary<string, Departure>(state.State.Departed, StringComparer.Ordinal);
        return Task.CompletedTask;
    }

    public Task Update(IncidentSummary incident) => Apply(incident) || saved < changes ? Persist() : Task.CompletedTask;

    /// <summary>Applies the update in memory; false when it changes nothing (repeated, stale, or not ours).</summary>
    private bool Apply(IncidentSummary incident)
    {
        var known = open.TryGetValue(incident.IncidentId, out var current) ? current.Seq
            : departed.TryGetValue(incident.IncidentId, out var gone) ? gone.Seq
            : 0;
        if (incident.Seq <= known) return false;

        if (Holds(incident))
        {
            open[incident.IncidentId] = incident;
            departed.Remove(incident.IncidentId);
        }
        else if (open.Remove(incident.IncidentId))
        {
            departed[incident.IncidentId] = new Departure(incident.Seq, clock.GetCurrentInstant());
        }
        else
        {
            return false;
        }

        changes++;
        logger.LogDebug("{List} {Owner}: incident {IncidentId} at seq {Seq} is {Status}", GetType().Name, Owner, incident.IncidentId, incident.Seq, incident.Status);
        return true;
    }

    /// <summary>Joins the next write, starting one now if none is in flight.</summary>
    private Task Persist()
    {
        if (queued is not null) return queued;
        if (writing is null) return writing = Write();
        return queued = WriteAfter(writing);
    }

    private async Task Write()
    {
        var including = changes;
        ForgetOldDepartures();
        state.State = new IncidentListState
        {
            Open = new Dictionary<string, IncidentSummary>(open, StringComparer.Ordinal),
            Departed = new Dictionary<string, Departure>(departed, StringComparer.Ordinal),
        };
        try
        {
            await state.WriteStateAsync();
            saved = Math.Max(saved, including);
        }
        catch (InconsistentStateException e)
        {
            // Someone else wrote this list (a duplicate activation after a silo failure): start again from storage.
            // The incidents whose updates are lost with this activation re-send them.
            logger.LogWarning(e, "{List} {Owner}: stored state changed underneath; reloading", GetType().Name, Owner);
            DeactivateOnIdle();
            throw;
        }
        finally
        {
            writing = null;
        }
    }

    private async Task WriteAfter(Task previous)
    {
        try
        {
            await previous;
        }
        catch
        {
            // Its callers hear of that failure; this write carries the same changes and more, so it tries anyway.
        }
        queued = null;
        await (writing = Write());
    }

    public Task<IncidentList> GetList()
    {
        var incidents = open.Values
            .OrderBy(i => i.Priority)
            .ThenBy(i => i.ReportedAt)
            .ToList();
        var counts = incidents.GroupBy(i => i.Status).ToDictionary(g => g.Key, g => g.Count());
        return Task.FromResult(new IncidentList { Owner = Owner, Incidents = incidents, CountsByStatus = counts });
    }

    private void ForgetOldDepartures()
    {
        var cutoff = clock.GetCurrentInstant() - ForgetDeparturesAfter;
        foreach (var (id, _) in departed.Where(d => d.Value.At < cutoff).ToList())
            departed.Remove(id);
    }
}
