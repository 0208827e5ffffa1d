namespace BacGiang.Incidents.Domain.Events;

[GenerateSerializer, Immutable, Alias("IncidentAcknowledged")]
public sealed record IncidentAcknowledged : IncidentEvent
{
    [Id(0)] public string? Note { get; init; }
}
