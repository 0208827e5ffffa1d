using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Grains.ReadModel;

/// <summary>
/// Writes incidents to the read model (DESIGN.md §7). Must be idempotent: an incident re-sends everything after
/// the last seq it knows was projected, so an event may arrive twice, and an older row must never replace a newer.
/// </summary>
public interface IReadModelProjector
{
    /// <summary>Completes once <paramref name="incident"/> and <paramref name="events"/> are stored; throws if they could not be.</summary>
    Task Project(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default);
}
