using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>A unit's live figures, kept from its incidents' changes.</summary>
[GenerateSerializer, Immutable, Alias("UnitCounters")]
public sealed record UnitCounters
{
    [Id(0)] public required UnitRef Unit { get; init; }
    [Id(1)] public int Open { get; init; }
    [Id(2)] public int Overdue { get; init; }
    [Id(3)] public int Escalated { get; init; }
    [Id(4)] public int UnacknowledgedEscalations { get; init; }
    [Id(5)] public required Instant AsOf { get; init; }
}
