using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// An incident's durable truth: its events, appended in one transaction with the read-model rows they change
/// (DESIGN.md §6–7, issue 12), so there is no outbox and no projection lag. Appends of many incidents share
/// round trips (group commit).
/// </summary>
public interface IIncidentLog
{
    /// <summary>
    /// Completes once <paramref name="events"/> and the incident's row are committed; throws if not, and then none of
    /// them is stored. A seq already stored is refused: the caller's view of the incident is stale.
    /// </summary>
    /// <remarks>A <paramref name="snapshot"/> (the state as of the last of the events) replaces the one stored, in the same commit.</remarks>
    Task Append(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, StoredSnapshot? snapshot = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The incident's events in order (none for an incident never filed) and its deliveries. With
    /// <paramref name="snapshotFormat"/>, its snapshot of that format if it has one, and only the events after it;
    /// without, every event. While it still has state of a previous version, events without their stored form are
    /// left out instead of refused.
    /// </summary>
    Task<IncidentHistory> Read(string incidentId, int? snapshotFormat = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Retention (issue 13): replaces every stored event of the incident with <paramref name="redacted"/> (same seqs,
    /// personal data removed), appends <paramref name="marker"/>, redacts the read model's rows (reports, the
    /// incident's description and search text) and deletes the stored photos <paramref name="photoIds"/> the events
    /// named, and deletes its snapshot, all in one transaction.
    /// </summary>
    Task Redact(IncidentRecord incident, IReadOnlyList<IncidentEvent> redacted, IncidentEvent marker, IReadOnlyCollection<string> photoIds,
        CancellationToken cancellationToken = default);

    /// <summary>Records the deliveries the incident has completed.</summary>
    Task SaveDeliveries(string incidentId, IncidentDeliveries deliveries, CancellationToken cancellationToken = default);

    /// <summary>
    /// An incident with state of a previous version in grain storage (its whole list there, its events projected up to
    /// some seq; or only its deliveries): stores the full form of every event, adding the ones the read model did not
    /// have yet, and its deliveries, and marks it moved. Idempotent.
    /// </summary>
    Task Import(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, IncidentDeliveries deliveries, CancellationToken cancellationToken = default);
}
