using NodaTime;

namespace BacGiang.Incidents.Sla;

/// <summary>Identifies one step of one run of a ladder; an incident fires each at most once.</summary>
[GenerateSerializer, Immutable, Alias("EscalationStep")]
public readonly record struct EscalationStep(
    [property: Id(0)] EscalationKind Kind,
    [property: Id(1)] int Round,
    [property: Id(2)] int Level,
    [property: Id(3)] int Repeat);

/// <summary>A step with when it falls due and whom it notifies.</summary>
[GenerateSerializer, Immutable, Alias("ScheduledStep")]
public sealed record ScheduledStep(
    [property: Id(0)] EscalationStep Step,
    [property: Id(1)] Instant SlaDeadline,
    [property: Id(2)] Instant DueAt,
    [property: Id(3)] IReadOnlyList<string> Targets);
