namespace BacGiang.Incidents.Domain.Events;

/// <summary>Sent (again) to a commune and agency: from triage, or reassigned by an officer or supervisor.</summary>
[GenerateSerializer, Immutable, Alias("IncidentDispatched")]
public sealed record IncidentDispatched : IncidentEvent
{
    [Id(0)] public required string Commune { get; init; }
    [Id(1)] public required string Agency { get; init; }
    [Id(2)] public required string Reason { get; init; }
}
