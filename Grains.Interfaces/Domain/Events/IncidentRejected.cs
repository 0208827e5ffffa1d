namespace BacGiang.Incidents.Domain.Events;

[GenerateSerializer, Immutable, Alias("IncidentRejected")]
public sealed record IncidentRejected : IncidentEvent
{
    [Id(0)] public required string Reason { get; init; }
}
