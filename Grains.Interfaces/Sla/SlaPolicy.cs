using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.Sla;

/// <summary>Whose deadline: the acknowledgement by the commune, or the resolution by the agency.</summary>
[GenerateSerializer]
public enum EscalationKind
{
    Ack,
    Resolve,
}

/// <summary>
/// One rung of a ladder: fires <see cref="After"/> (business time) past the deadline, then repeats its
/// notification <see cref="RepeatCount"/> times every <see cref="RepeatEvery"/> before the next rung.
/// </summary>
[GenerateSerializer, Immutable, Alias("LadderLevel")]
public sealed record LadderLevel
{
    [Id(0)] public required int Level { get; init; }
    [Id(1)] public required Duration After { get; init; }
    [Id(2)] public required IReadOnlyList<string> Targets { get; init; }
    [Id(3)] public int RepeatCount { get; init; }
    [Id(4)] public Duration RepeatEvery { get; init; }
}

/// <summary>
/// The SLA an incident keeps for life: a snapshot taken when it is filed, so a later change of the data
/// affects new incidents only.
/// </summary>
[GenerateSerializer, Immutable, Alias("SlaPolicy")]
public sealed record SlaPolicy
{
    [Id(0)] public required string Version { get; init; }
    [Id(1)] public required string Category { get; init; }
    [Id(2)] public required Priority Priority { get; init; }
    [Id(3)] public required string Calendar { get; init; }
    [Id(4)] public required Duration Acknowledge { get; init; }
    [Id(5)] public required Duration Resolve { get; init; }
    [Id(6)] public required IReadOnlyList<LadderLevel> AckLadder { get; init; }
    [Id(7)] public required IReadOnlyList<LadderLevel> ResolveLadder { get; init; }
    [Id(8)] public bool PauseWhileWaiting { get; init; }

    public IReadOnlyList<LadderLevel> Ladder(EscalationKind kind) => kind == EscalationKind.Ack ? AckLadder : ResolveLadder;

    public Duration Target(EscalationKind kind) => kind == EscalationKind.Ack ? Acknowledge : Resolve;
}
