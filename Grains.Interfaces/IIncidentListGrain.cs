using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents;

/// <summary>The open incidents one commune, agency or the triage desk is responsible for.</summary>
[GenerateSerializer, Immutable, Alias("IncidentList")]
public sealed record IncidentList
{
    [Id(0)] public required string Owner { get; init; }
    [Id(1)] public required IReadOnlyList<IncidentSummary> Incidents { get; init; }
    [Id(2)] public required IReadOnlyDictionary<IncidentStatus, int> CountsByStatus { get; init; }
}

/// <summary>Kept consistent by the incidents themselves: at-least-once updates, idempotent by incident id and seq.</summary>
[Alias("IIncidentListGrain")]
public interface IIncidentListGrain : IGrainWithStringKey
{
    [Alias("Update")]
    Task Update(IncidentSummary incident);

    [Alias("GetList")]
    Task<IncidentList> GetList();
}
