using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;

namespace BacGiang.Incidents.ReadModel;

/// <summary>The read model's open incidents of a unit: where a unit grain's counters start from on activation.</summary>
public interface IOpenIncidentSource
{
    Task<IReadOnlyList<IncidentSummary>> Open(UnitRef unit, CancellationToken cancellationToken = default);
}
