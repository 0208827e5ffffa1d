namespace BacGiang.Incidents.Domain.Events;

/// <summary>Routing could not place the incident; it waits in the provincial triage queue.</summary>
[GenerateSerializer, Immutable, Alias("IncidentTriaged")]
public sealed record IncidentTriaged : IncidentEvent
{
    [Id(0)] public required string Reason { get; init; }
    [Id(1)] public string? Commune { get; init; }
    [Id(2)] public string? Agency { get; init; }
}
