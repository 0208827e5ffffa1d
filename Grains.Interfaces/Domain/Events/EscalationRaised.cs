using BacGiang.Incidents.Sla;
using NodaTime;

namespace BacGiang.Incidents.Domain.Events;

/// <summary>
/// A deadline passed unmet and one rung of the ladder fired. <see cref="IncidentEvent.At"/> is when it fired;
/// <see cref="Lateness"/> is how long after its due time that was (a silo outage shows here, honestly).
/// </summary>
[GenerateSerializer, Immutable, Alias("EscalationRaised")]
public sealed record EscalationRaised : IncidentEvent
{
    [Id(0)] public required EscalationKind Kind { get; init; }
    /// <summary>Which run of the clock: the ack clock restarts on dispatch, the resolve clock on reopen.</summary>
    [Id(1)] public required int Round { get; init; }
    [Id(2)] public required int Level { get; init; }
    /// <summary>0 for the level's first notice, 1… for its repeats.</summary>
    [Id(3)] public required int Repeat { get; init; }
    /// <summary>The SLA deadline that was missed.</summary>
    [Id(4)] public required Instant SlaDeadline { get; init; }
    /// <summary>When this step was due (the deadline plus the level's offset).</summary>
    [Id(5)] public required Instant DueAt { get; init; }
    [Id(6)] public required Duration Lateness { get; init; }
    [Id(7)] public required IReadOnlyList<string> Targets { get; init; }

    public EscalationStep Step => new(Kind, Round, Level, Repeat);
}
