namespace BacGiang.Incidents.Domain.Events;

/// <summary>Staff wrote down something worth keeping (a call made, a crew sent); internal, never sent to the citizen.</summary>
[GenerateSerializer, Immutable, Alias("NoteAdded")]
public sealed record NoteAdded : IncidentEvent
{
    [Id(0)] public required string Text { get; init; }
}
