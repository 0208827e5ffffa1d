namespace BacGiang.Incidents.Domain.Events;

[GenerateSerializer, Immutable, Alias("WorkStarted")]
public sealed record WorkStarted : IncidentEvent
{
    [Id(0)] public string? Note { get; init; }
}
