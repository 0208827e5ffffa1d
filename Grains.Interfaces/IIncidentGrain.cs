using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using NodaTime;

namespace BacGiang.Incidents;

[GenerateSerializer]
public enum FileOutcome
{
    Created,
    /// <summary>A retry of a report this incident already holds (same Idempotency-Key and body).</summary>
    AlreadyFiled,
    /// <summary>The Idempotency-Key was used before for a different request.</summary>
    KeyReused,
    /// <summary>This id already belongs to another incident; the caller picks another code.</summary>
    CodeTaken,
    /// <summary>The report joined this (open) incident as another report of the same thing.</summary>
    Attached,
    /// <summary>The incident no longer takes reports (resolved, closed, rejected or merged).</summary>
    NotOpen,
}

[GenerateSerializer, Immutable, Alias("FileResult")]
public sealed record FileResult([property: Id(0)] FileOutcome Outcome, [property: Id(1)] IncidentView? Incident);

[GenerateSerializer]
public enum EscalationAckOutcome
{
    Acknowledged,
    /// <summary>Someone acknowledged this level before; <see cref="EscalationAckResult.By"/> says who.</summary>
    AlreadyAcknowledged,
    /// <summary>No such incident, or that level has not fired.</summary>
    NotFired,
}

[GenerateSerializer, Immutable, Alias("EscalationAckResult")]
public sealed record EscalationAckResult(
    [property: Id(0)] EscalationAckOutcome Outcome,
    [property: Id(1)] string? By = null,
    [property: Id(2)] NodaTime.Instant? At = null);

/// <summary>One incident; its key is its tracking code. Returns only once what it was told is stored.</summary>
[Alias("IIncidentGrain")]
public interface IIncidentGrain : IGrainWithStringKey
{
    [Alias("File")]
    Task<FileResult> File(ReportDetails report, Actor reporter);

    /// <summary>
    /// As <see cref="File"/>, from a caller that found no incident under this code a moment ago (the intake's
    /// lookup): a fresh activation appends the filing without first reading the log, and only if the log turns out
    /// to hold the code after all does it read it and answer as <see cref="File"/> would.
    /// </summary>
    [Alias("FileNew")]
    Task<FileResult> FileNew(ReportDetails report, Actor reporter);

    [Alias("Get")]
    Task<IncidentView?> Get();

    [Alias("GetTimeline")]
    Task<IReadOnlyList<IncidentEvent>> GetTimeline();

    [Alias("Execute")]
    Task<CommandResult> Execute(IncidentCommand command, Actor actor);

    /// <summary>A crew step its agency's board has allowed (only the agency grain calls this; docs/dispatch.md).</summary>
    [Alias("RecordCrew")]
    Task<CommandResult> RecordCrew(FieldDispatch.CrewStep step, Actor actor);

    /// <summary>Fires whatever escalation steps are due by the grain's clock now; the grain's own timer calls the same.</summary>
    [Alias("CheckSla")]
    Task CheckSla();

    /// <summary>
    /// What a silo's SLA alarm sweep calls: fires the steps that are due, sends what the incident still owes, and
    /// answers when it must be woken next (none: never).
    /// </summary>
    [Alias("Wake")]
    Task<Instant?> Wake();

    /// <summary>
    /// Retention: if the incident ended at least <paramref name="after"/> ago, erases its reporters' personal data from
    /// its whole history and the read model, with a PersonalDataRedacted event. True if it did so now.
    /// </summary>
    [Alias("ErasePersonalData")]
    Task<bool> ErasePersonalData(Duration after);

    [Alias("GetSla")]
    Task<Sla.SlaView?> GetSla();

    /// <summary>A camera's running totals for this incident; false when the incident no longer takes alerts (closed, rejected, merged).</summary>
    [Alias("CorrelateAlerts")]
    Task<bool> CorrelateAlerts(AlertTally tally);

    /// <summary>Another citizen's report of the same thing; a retry (same Idempotency-Key) answers AlreadyFiled.</summary>
    [Alias("Attach")]
    Task<FileResult> Attach(ReportDetails report, Actor reporter);

    /// <summary>
    /// A person a fired level reached says they have it (<paramref name="via"/>: console, zalo or sms). The first
    /// acknowledgement of a level is recorded and stops its repeats; later ones answer who was first.
    /// </summary>
    [Alias("AcknowledgeEscalation")]
    Task<EscalationAckResult> AcknowledgeEscalation(Sla.EscalationKind kind, int round, int level, Actor actor, string via);

    /// <summary>The reports of an incident merged into this one; idempotent by <paramref name="from"/>.</summary>
    [Alias("ReceiveMerge")]
    Task<bool> ReceiveMerge(string from, IReadOnlyList<ReportDetails> reports);
}
