using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;
using NodaTime;

namespace BacGiang.Incidents.Grains.People;

/// <summary>
/// The live counters of one unit, kept per incident by seq so that a repeated or late summary changes nothing.
/// Pure, so tests can drive it; the grain fills it from the read model on activation and from incidents after.
/// </summary>
public sealed class UnitTally(UnitRef unit)
{
    /// <summary>What the counters need of an open incident; a busy commune keeps thousands, so not the whole summary.</summary>
    private readonly record struct Entry(long Seq, Instant? AckDeadline, Instant? ResolveDeadline, int EscalationLevel, int UnacknowledgedEscalations);

    private readonly Dictionary<string, Entry> open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> closedAt = new(StringComparer.Ordinal);

    /// <summary>Returns whether the summary was newer than what was known.</summary>
    public bool Apply(IncidentSummary summary)
    {
        var known = open.TryGetValue(summary.IncidentId, out var current) ? current.Seq
            : closedAt.TryGetValue(summary.IncidentId, out var seq) ? seq : 0;
        if (summary.Seq <= known) return false;
        if (summary.Status.IsOpen() && Belongs(summary))
        {
            open[summary.IncidentId] = new Entry(summary.Seq, summary.AckDeadline, summary.ResolveDeadline, summary.EscalationLevel, summary.UnacknowledgedEscalations);
            closedAt.Remove(summary.IncidentId);
        }
        else
        {
            // Remembered so that a late copy of an older, still-open summary cannot bring it back.
            open.Remove(summary.IncidentId);
            closedAt[summary.IncidentId] = summary.Seq;
        }
        return true;
    }

    public UnitCounters Counters(Instant now) => new()
    {
        Unit = unit,
        Open = open.Count,
        Overdue = open.Values.Count(s => s.AckDeadline < now || s.ResolveDeadline < now),
        Escalated = open.Values.Count(s => s.EscalationLevel > 0),
        UnacknowledgedEscalations = open.Values.Sum(s => s.UnacknowledgedEscalations),
        AsOf = now,
    };

    /// <summary>An incident moved to another commune or agency is no longer this unit's.</summary>
    private bool Belongs(IncidentSummary s) => unit.Kind switch
    {
        UnitKind.Commune => s.Commune == unit.Code,
        UnitKind.Agency => s.Agency == unit.Code,
        _ => true,
    };
}
