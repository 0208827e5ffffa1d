namespace BacGiang.Incidents.Domain.Events;

[GenerateSerializer, Immutable, Alias("IncidentClosed")]
public sealed record IncidentClosed : IncidentEvent
{
    [Id(0)] public string? Note { get; init; }
}
