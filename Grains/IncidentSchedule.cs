using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// An incident's escalation schedule, kept current as its events are appended: the fold takes each new event (an
/// append costs the same after ten thousand events as after ten), and the schedule built from it is reused until the
/// next event. <see cref="Release"/> drops the built schedule between turns, so an idle incident holds only the fold.
/// </summary>
public sealed class IncidentSchedule(ReferenceData reference)
{
    private EscalationSchedule.Fold? fold;
    private EscalationSchedule? built;
    private long builtAtSeq;

    /// <summary>Takes an event the lifecycle has just applied.</summary>
    public void Apply(IncidentEvent e) => fold?.Apply(e);

    /// <summary>The schedule as of the lifecycle's events; none before the incident has an SLA.</summary>
    public EscalationSchedule? Of(IncidentLifecycle lifecycle)
    {
        if (lifecycle.Sla is not { } policy) return null;
        if (fold is null || !ReferenceEquals(fold.Policy, policy))
        {
            // First use in this activation, or the policy changed: replay once. A lifecycle restored from a snapshot
            // holds only the later events; its fold came with the snapshot (Restore), so replaying here would be wrong.
            if (!lifecycle.HoldsWholeHistory)
                throw new InvalidOperationException($"Incident {lifecycle.TrackingCode} was restored from a snapshot without its schedule's fold.");
            fold = new EscalationSchedule.Fold(policy);
            foreach (var e in lifecycle.Events) fold.Apply(e);
            built = null;
        }
        if (built is null || builtAtSeq != lifecycle.LastSeq)
        {
            built = fold.Schedule(reference.Sla.Calendar(policy.Calendar));
            builtAtSeq = lifecycle.LastSeq;
        }
        return built;
    }

    public void Release() => built = null;

    /// <summary>The fold to store in a snapshot with <paramref name="lifecycle"/>; none before the incident has an SLA.</summary>
    public EscalationSchedule.Fold? FoldFor(IncidentLifecycle lifecycle)
    {
        Of(lifecycle);
        return fold;
    }

    /// <summary>The fold a snapshot held, taking the events the lifecycle applied after it.</summary>
    public void Restore(EscalationSchedule.Fold? stored, IEnumerable<IncidentEvent> after)
    {
        fold = stored;
        built = null;
        if (fold is null) return;
        foreach (var e in after) fold.Apply(e);
    }
}
