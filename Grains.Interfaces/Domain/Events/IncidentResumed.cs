namespace BacGiang.Incidents.Domain.Events;

[GenerateSerializer, Immutable, Alias("IncidentResumed")]
public sealed record IncidentResumed : IncidentEvent
{
    [Id(0)] public string? Note { get; init; }
}
