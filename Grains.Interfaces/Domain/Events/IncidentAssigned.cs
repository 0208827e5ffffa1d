namespace BacGiang.Incidents.Domain.Events;

/// <summary>Routing found the commune and the agency: the incident is in both their lists.</summary>
[GenerateSerializer, Immutable, Alias("IncidentAssigned")]
public sealed record IncidentAssigned : IncidentEvent
{
    [Id(0)] public required string Commune { get; init; }
    [Id(1)] public required string Agency { get; init; }
    [Id(2)] public required string Rule { get; init; }
}
