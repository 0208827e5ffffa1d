namespace BacGiang.Incidents.Domain.Events;

[GenerateSerializer, Immutable, Alias("IncidentReopened")]
public sealed record IncidentReopened : IncidentEvent
{
    [Id(0)] public required string Reason { get; init; }
}
