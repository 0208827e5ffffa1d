using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Sla;
using NodaTime;

namespace BacGiang.Incidents.ReadModel;

/// <summary>One SLA clock's latest run as the read model keeps it: enough for "met within SLA" and time taken.</summary>
public sealed record ClockRecord(Instant StartedAt, Instant Deadline, Instant? MetAt, Duration? BusinessTimeTaken);

/// <summary>The incident's row in the read model (DESIGN.md §7) as of <see cref="Seq"/>: what lists, search and reports read.</summary>
public sealed record IncidentRecord
{
    public required IncidentSummary Summary { get; init; }
    public required ReportDetails Report { get; init; }
    public Instant? ClosedAt { get; init; }
    public ClockRecord? Ack { get; init; }
    public ClockRecord? Resolve { get; init; }
    /// <summary>The current resolution (its outcome and, for not_responsible, the body referred to); none while unresolved.</summary>
    public Resolution? Resolution { get; init; }
    /// <summary>When the first crew arrived at the place (the SLA report's time to arrive).</summary>
    public Instant? FirstArrivedAt { get; init; }

    /// <summary>When the incident must next be woken: its next escalation step, or now when it owes a delivery. None: never.</summary>
    public Instant? WakeAt { get; init; }

    public static IncidentRecord Of(string id, IncidentLifecycle lifecycle, EscalationSchedule? schedule)
    {
        var summary = lifecycle.ToSummary(id);
        var ack = schedule?.Clock(EscalationKind.Ack);
        var resolve = schedule?.Clock(EscalationKind.Resolve);
        return new IncidentRecord
        {
            Summary = summary with
            {
                AckDeadline = ack is { Running: true } ? ack.Deadline : null,
                ResolveDeadline = resolve is { Running: true, Paused: false } ? resolve.Deadline : null,
                UnacknowledgedEscalations = schedule is null ? 0 : Unacknowledged(schedule),
            },
            Report = lifecycle.Report!,
            ClosedAt = lifecycle.ClosedAt,
            Resolution = lifecycle.Resolution,
            FirstArrivedAt = lifecycle.FirstArrivedAt,
            Ack = ack is null ? null : Record(ack, schedule!),
            Resolve = resolve is null ? null : Record(resolve, schedule!),
        };
    }

    /// <summary>Levels fired on the clocks' current runs, still running, that nobody has acknowledged.</summary>
    private static int Unacknowledged(EscalationSchedule schedule) =>
        schedule.Fired.Where(f => schedule.Clock(f.Kind) is { Running: true } clock && clock.Round == f.Round && !schedule.IsAcknowledged(f.Kind, f.Round, f.Level))
            .Select(f => (f.Kind, f.Level)).Distinct().Count();

    private static ClockRecord Record(SlaClock clock, EscalationSchedule schedule) =>
        new(clock.StartedAt, clock.Deadline, clock.MetAt, clock.MetAt is { } met ? schedule.BusinessTimeTaken(clock, met) : null);
}
