using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// Keeps the escalation audit records (DESIGN.md §4) outside the grain, for supervisors' queries. Must be
/// idempotent: the incident re-sends everything after its last confirmed seq, so a record may arrive twice.
/// </summary>
public interface IEscalationRecorder
{
    /// <summary>Records the escalations among <paramref name="events"/> and the acknowledgements or resolutions that answer them.</summary>
    Task Record(string incidentId, IncidentSummary incident, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default);
}
