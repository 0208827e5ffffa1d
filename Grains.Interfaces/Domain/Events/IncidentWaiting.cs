namespace BacGiang.Incidents.Domain.Events;

/// <summary>Work waits for the citizen; where the policy allows, the resolve clock stops until resumed.</summary>
[GenerateSerializer, Immutable, Alias("IncidentWaiting")]
public sealed record IncidentWaiting : IncidentEvent
{
    [Id(0)] public required string Reason { get; init; }
}
