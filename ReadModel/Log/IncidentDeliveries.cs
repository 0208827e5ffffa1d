using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// What an incident has already handed on to other parts of the system, as seqs of its own events, and so what it
/// still owes: written only when a delivery completes, never per event, so a crash between an event and its delivery
/// makes the delivery again (each receiver is idempotent).
/// </summary>
public sealed class IncidentDeliveries
{
    // The changes a Zalo reporter is told of; the filing itself is answered in the chat.
    private static readonly HashSet<Type> CitizenNews =
    [
        typeof(IncidentAcknowledged), typeof(WorkStarted), typeof(IncidentResolved), typeof(IncidentClosed), typeof(IncidentRejected),
        typeof(IncidentReopened), typeof(IncidentWaiting), typeof(IncidentResumed), typeof(IncidentReturnedToTriage),
    ];

    /// <summary>Highest seq the citizen has been told about on the report's channel (a Zalo message).</summary>
    public long CitizenNotifiedSeq { get; set; }

    /// <summary>Highest seq whose fired escalation steps are in the notification outbox.</summary>
    public long NotifiedSeq { get; set; }

    /// <summary>True once the incident this one was merged into has its reports.</summary>
    public bool MergeDelivered { get; set; }

    /// <summary>The split-out reports already filed as incidents of their own (by the seq that had attached each).</summary>
    public List<long> SplitsFiled { get; set; } = [];

    public bool AnyOwed(IncidentLifecycle incident) =>
        CitizenUpdateOwed(incident) || MergeOwed(incident) || SplitsOwed(incident).Any() || NotificationsOwed(incident).Any();

    /// <summary>Fired steps not yet in the notification outbox.</summary>
    public IEnumerable<EscalationRaised> NotificationsOwed(IncidentLifecycle incident) =>
        incident.EscalationsRaised.Where(x => x.Seq > NotifiedSeq);

    /// <summary>The Zalo users who reported the incident, to be told of its changes.</summary>
    public static IEnumerable<string> ZaloReporters(IncidentLifecycle incident) =>
        incident.AllReports.Where(r => r is { Channel: "zalo", ReplyTo: not null }).Select(r => r.ReplyTo!).Distinct();

    public bool CitizenUpdateOwed(IncidentLifecycle incident) =>
        incident.LastSeqOf(CitizenNews) > CitizenNotifiedSeq && ZaloReporters(incident).Any();

    public bool MergeOwed(IncidentLifecycle incident) => incident.MergedInto is not null && !MergeDelivered;

    public IEnumerable<KeyValuePair<long, (string NewIncidentId, ReportDetails Report)>> SplitsOwed(IncidentLifecycle incident) =>
        incident.SplitOut.Where(s => !SplitsFiled.Contains(s.Key));
}

/// <summary>
/// An incident as its activation reads it, in one round trip: its snapshot if asked for and stored, its events (after
/// the snapshot's seq if there is one), its deliveries, and whether a previous version still holds state for it in
/// Orleans grain storage (moved out once, on this first activation).
/// </summary>
public sealed record IncidentHistory(IReadOnlyList<IncidentEvent> Events, IncidentDeliveries Deliveries, bool HasLegacyState, StoredSnapshot? Snapshot = null);

/// <summary>An incident's folded state at <paramref name="Seq"/>, in a serialized form the log does not look into.</summary>
public sealed record StoredSnapshot(long Seq, int Format, byte[] State);
