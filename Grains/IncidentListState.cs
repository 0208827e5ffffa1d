using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Grains;

[GenerateSerializer, Alias("IncidentListState")]
public sealed class IncidentListState
{
    [Id(0)] public Dictionary<string, IncidentSummary> Open { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Incidents that left the list, with the seq and time they left, so a late, older update cannot bring one back.
    /// Forgotten after a while: redeliveries come within minutes, not weeks.
    /// </summary>
    [Id(1)] public Dictionary<string, Departure> Departed { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Immutable, Alias("Departure")]
public sealed record Departure([property: Id(0)] long Seq, [property: Id(1)] NodaTime.Instant At);
