using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Grains.ReadModel;

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
    Task Append(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default);

    /// <summary>The incident's events in order; empty for an incident never filed.</summary>
    Task<IReadOnlyList<IncidentEvent>> Read(string incidentId, CancellationToken cancellationToken = default);

    /// <summary>
    /// An incident written by the previous version (its whole list in grain state, its events projected up to some
    /// seq): stores the full form of every event, adding the ones the read model did not have yet. Idempotent.
    /// </summary>
    Task Import(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default);
}
