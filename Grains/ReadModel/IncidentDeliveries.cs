namespace BacGiang.Incidents.Grains.ReadModel;

/// <summary>
/// What an incident has already handed on to other parts of the system, as seqs of its own events: written only when
/// a delivery completes, never per event, so a crash between an event and its delivery makes the delivery again
/// (each receiver is idempotent).
/// </summary>
public sealed class IncidentDeliveries
{
    /// <summary>Highest seq the citizen has been told about on the report's channel (a Zalo message).</summary>
    public long CitizenNotifiedSeq { get; set; }

    /// <summary>Highest seq whose fired escalation steps are in the notification outbox.</summary>
    public long NotifiedSeq { get; set; }

    /// <summary>True once the incident this one was merged into has its reports.</summary>
    public bool MergeDelivered { get; set; }

    /// <summary>The split-out reports already filed as incidents of their own (by the seq that had attached each).</summary>
    public List<long> SplitsFiled { get; set; } = [];
}

/// <summary>
/// An incident as its activation reads it, in one round trip: its events, its deliveries, and whether a previous
/// version still holds state for it in Orleans grain storage (moved out once, on this first activation).
/// </summary>
public sealed record IncidentHistory(IReadOnlyList<Domain.Events.IncidentEvent> Events, IncidentDeliveries Deliveries, bool HasLegacyState);
