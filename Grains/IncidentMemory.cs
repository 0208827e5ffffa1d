using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using Microsoft.Extensions.Logging;
using Orleans.Serialization;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// What an incident's activation holds of it: the lifecycle, its escalation schedule, and where the last stored
/// snapshot stands, which decides when the next is due. Rebuilt from the log's snapshot and the events after it, or
/// from all the events; kept in step as events are appended. A plain class, so tests restore and append without a
/// cluster.
/// </summary>
public sealed class IncidentMemory(ReferenceData reference, SnapshotPolicy snapshotPolicy, Serializer<IncidentSnapshot> snapshots, ILogger logger)
{
    private IncidentSchedule schedule = new(reference);
    // The stored snapshot's seq (0: none) and size.
    private long snapshotSeq;
    private int snapshotBytes;

    public IncidentLifecycle Lifecycle { get; private set; } = new();

    /// <summary>The escalation schedule as of the lifecycle's events; none before the incident has an SLA.</summary>
    public EscalationSchedule? Schedule => schedule.Of(Lifecycle);

    /// <summary>Keeps only the schedule's fold between turns (<see cref="IncidentSchedule.Release"/>).</summary>
    public void ReleaseSchedule() => schedule.Release();

    /// <summary>
    /// The lifecycle and schedule from the snapshot read and the events after it, or from all the events without one.
    /// False if the snapshot cannot be used (unreadable, or the events do not follow it: it was replaced while being
    /// read); the caller then reads the whole log and restores from that.
    /// </summary>
    public bool Restore(string incidentId, IncidentHistory history)
    {
        schedule = new IncidentSchedule(reference);
        if (history.Snapshot is not { } stored)
        {
            Lifecycle = IncidentLifecycle.Replay(history.Events);
            (snapshotSeq, snapshotBytes) = (0, 0);
            return true;
        }
        // Retention deletes the snapshot with the redaction; one still there before a redaction was left by a version
        // without snapshots (a rolling upgrade) and holds what was erased. The sweep deletes it (RetentionSweeper).
        if (history.Events.OfType<PersonalDataRedacted>().Any())
        {
            logger.LogWarning("Incident {IncidentId}: snapshot at seq {Seq} is from before its redaction; replaying the whole log", incidentId, stored.Seq);
            return false;
        }
        try
        {
            var snapshot = snapshots.Deserialize(stored.State) ?? throw new InvalidOperationException("The snapshot is empty.");
            var lifecycle = snapshot.Lifecycle.Restored();
            foreach (var e in history.Events) lifecycle.Apply(e);
            schedule.Restore(snapshot.Schedule, lifecycle.Events);
            Lifecycle = lifecycle;
            SnapshotStored(stored);
            return true;
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Incident {IncidentId}: snapshot at seq {Seq} not usable; replaying the whole log", incidentId, stored.Seq);
            return false;
        }
    }

    /// <summary>A whole history from elsewhere (an earlier version's grain state, or the redacted log) replaces what is held.</summary>
    public void Replace(IncidentLifecycle whole)
    {
        Lifecycle = whole;
        schedule = new IncidentSchedule(reference);
    }

    /// <summary>Holds nothing, as before the first read.</summary>
    public void Forget()
    {
        Replace(new IncidentLifecycle());
        (snapshotSeq, snapshotBytes) = (0, 0);
    }

    /// <summary>Takes events decided on this lifecycle, before they are appended to the log.</summary>
    public void Apply(IReadOnlyList<IncidentEvent> events)
    {
        foreach (var e in events)
        {
            Lifecycle.Apply(e);
            schedule.Apply(e);
        }
    }

    /// <summary>A snapshot to store with the next append, when <see cref="SnapshotPolicy"/> says one is due.</summary>
    public StoredSnapshot? SnapshotDue() =>
        snapshotPolicy.Due(Lifecycle.LastSeq - snapshotSeq, snapshotBytes)
            ? new StoredSnapshot(Lifecycle.LastSeq, IncidentSnapshot.Format,
                snapshots.SerializeToArray(new IncidentSnapshot { Lifecycle = Lifecycle, Schedule = schedule.FoldFor(Lifecycle) }))
            : null;

    /// <summary>The append carrying <paramref name="snapshot"/> committed: the next is counted from it.</summary>
    public void SnapshotStored(StoredSnapshot snapshot) => (snapshotSeq, snapshotBytes) = (snapshot.Seq, snapshot.State.Length);
}
