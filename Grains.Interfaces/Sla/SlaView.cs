using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.Sla;

[GenerateSerializer, Immutable, Alias("SlaClockView")]
public sealed record SlaClockView
{
    [Id(0)] public required EscalationKind Kind { get; init; }
    [Id(1)] public required int Round { get; init; }
    [Id(2)] public required Instant StartedAt { get; init; }
    [Id(3)] public required Instant Deadline { get; init; }
    [Id(4)] public Instant? MetAt { get; init; }
    [Id(5)] public required bool Running { get; init; }
    /// <summary>Business time left to the deadline at the time of the query; negative once missed.</summary>
    [Id(6)] public required Duration BusinessTimeRemaining { get; init; }
    [Id(7)] public bool Paused { get; init; }
}

[GenerateSerializer, Immutable, Alias("FiredStepView")]
public sealed record FiredStepView(
    [property: Id(0)] EscalationKind Kind, [property: Id(1)] int Round, [property: Id(2)] int Level, [property: Id(3)] int Repeat,
    [property: Id(4)] Instant DueAt, [property: Id(5)] Instant FiredAt, [property: Id(6)] Duration Lateness, [property: Id(7)] IReadOnlyList<string> Targets);

/// <summary>An incident's SLA as supervisors audit it: policy, both clocks, what fired and what is still to come.</summary>
[GenerateSerializer, Immutable, Alias("SlaView")]
public sealed record SlaView
{
    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required SlaPolicy Policy { get; init; }
    [Id(2)] public required Instant Now { get; init; }
    [Id(3)] public required IReadOnlyList<SlaClockView> Clocks { get; init; }
    [Id(4)] public required IReadOnlyList<FiredStepView> Fired { get; init; }
    [Id(5)] public required IReadOnlyList<ScheduledStep> Pending { get; init; }
    [Id(6)] public required int EscalationLevel { get; init; }
    /// <summary>Spans during which the resolve clock was paused (Waiting, where the policy allows); the last may be open.</summary>
    [Id(7)] public IReadOnlyList<PausedSpan> PausedSpans { get; init; } = [];

    /// <summary>The incident's SLA as of <paramref name="now"/>, from its lifecycle and the schedule built from it.</summary>
    public static SlaView Of(string incidentId, IncidentLifecycle lifecycle, EscalationSchedule schedule, Instant now) => new()
    {
        IncidentId = incidentId,
        Policy = lifecycle.Sla ?? throw new ArgumentException($"Incident {incidentId} has no SLA policy.", nameof(lifecycle)),
        Now = now,
        Clocks = schedule.Clocks.Select(c => new SlaClockView
        {
            Kind = c.Kind, Round = c.Round, StartedAt = c.StartedAt, Deadline = c.Deadline, MetAt = c.MetAt, Running = c.Running,
            // A paused clock's remaining time is frozen at the pause.
            BusinessTimeRemaining = schedule.Remaining(c, c.MetAt ?? (c.Paused ? c.Pauses[^1].From : now)),
            Paused = c.Paused,
        }).ToList(),
        Fired = schedule.Fired.Select(f => new FiredStepView(f.Kind, f.Round, f.Level, f.Repeat, f.DueAt, f.At, f.Lateness, f.Targets)).ToList(),
        Pending = schedule.Pending,
        EscalationLevel = lifecycle.EscalationLevel,
        PausedSpans = schedule.Clock(EscalationKind.Resolve)?.Pauses ?? [],
    };
}

[GenerateSerializer, Immutable, Alias("PausedSpan")]
public sealed record PausedSpan([property: Id(0)] Instant From, [property: Id(1)] Instant? To);
