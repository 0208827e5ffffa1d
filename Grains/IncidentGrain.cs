using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Grains.Notifications;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime;
using Orleans.Serialization;
using Orleans.Storage;
using NodaTime;

namespace BacGiang.Incidents.Grains;

public sealed class IncidentGrain(
    Router router,
    ReferenceData reference,
    IIncidentLog log,
    IncidentDeliverer deliverer,
    IncidentMetrics metrics,
    GrainReferences grains,
    SnapshotPolicy snapshotPolicy,
    IncidentAlarm alarm,
    Serializer<IncidentSnapshot> snapshots,
    IClock clock,
    ILogger<IncidentGrain> logger) : StringKeyedGrain, IIncidentGrain, IRemindable
{
    // The previous version's backstops for the next escalation step and for failed deliveries: its alarm row now does
    // both (V0011 moved them). Only a silo of the previous version, during a rolling upgrade, still registers them.
    private static readonly string[] LegacyReminders = ["sla", "redeliver"];
    // The grain-state name under which earlier versions kept this incident's state.
    private const string LegacyStateName = "incident";
    // How soon a sweep comes back to an incident that still owes deliveries after being woken.
    private static readonly Duration DeliveryRetry = Duration.FromMinutes(1);

    private readonly IncidentMemory memory = new(reference, snapshotPolicy, snapshots, logger);
    private IncidentDeliveries deliveries = new();
    // Whether this activation has read its log. Every call reads it first, except a filing the intake knows to be
    // new (FileNew): a new incident's first commit is then its only round trip.
    private bool loaded;
    private IGrainTimer? deliveryTimer;
    private IGrainTimer? slaTimer;
    // The commune and agency told of this incident in this activation: one it leaves is told once more, so it drops it.
    private readonly HashSet<(bool Commune, string Code)> trackedBy = [];

    private string Id => Key;
    private IncidentLifecycle Lifecycle => memory.Lifecycle;

    private async Task Load(CancellationToken cancellationToken = default)
    {
        if (loaded) return;
        var history = await log.Read(Id, IncidentSnapshot.Format, cancellationToken);
        if (!memory.Restore(Id, history))
        {
            history = await log.Read(Id, cancellationToken: cancellationToken);
            memory.Restore(Id, history);
        }
        deliveries = history.Deliveries;
        if (history.HasLegacyState) await ImportLegacy(cancellationToken);
        loaded = true;
        if (!Lifecycle.Exists) return;
        if (DeliveriesOwed()) ScheduleDeliveries(Duration.Zero);
        // After downtime this fires every step that fell due meanwhile, in order, each with its true lateness.
        await EvaluateSla();
    }

    /// <summary>
    /// An earlier version kept this incident's deliveries (and before the log, its whole history) in Orleans grain
    /// state: moved into the log's tables once, then the grain state is cleared.
    /// </summary>
    private async Task ImportLegacy(CancellationToken cancellationToken)
    {
        var storage = ServiceProvider.GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
        var legacy = new GrainState<IncidentState>(new IncidentState());
        await storage.ReadStateAsync(LegacyStateName, this.GetGrainId(), legacy);
        var old = legacy.State ?? new IncidentState();
        if (old.Events.Count > 0) memory.Replace(IncidentLifecycle.Replay(old.Events));
        deliveries = new IncidentDeliveries
        {
            CitizenNotifiedSeq = old.CitizenNotifiedSeq, NotifiedSeq = old.NotifiedSeq, MergeDelivered = old.MergeDelivered, SplitsFiled = [.. old.SplitsFiled],
        };
        await log.Import(Record(), Lifecycle.Events, deliveries, cancellationToken);
        if (legacy.RecordExists) await storage.ClearStateAsync(LegacyStateName, this.GetGrainId(), legacy);
        logger.LogInformation("Incident {IncidentId}: state of an earlier version moved into the log ({Count} events)", Id, old.Events.Count);
    }

    public async Task<FileResult> File(ReportDetails report, Actor reporter)
    {
        await Load();
        return Lifecycle.Exists ? await Refile(report) : await FileFirst(report, reporter);
    }

    public async Task<FileResult> FileNew(ReportDetails report, Actor reporter)
    {
        if (loaded) return await File(report, reporter);
        // Not read: the log refuses a second first event, so a code that was taken after all fails the commit alone.
        loaded = true;
        try
        {
            return await FileFirst(report, reporter);
        }
        catch (IncidentLogConflictException)
        {
            logger.LogInformation("Incident {IncidentId}: filed as new but the log already holds it; reading it", Id);
            Unload();
            return await File(report, reporter);
        }
        catch
        {
            // Nothing was stored: a call that reaches this activation before it is gone reads the log, not this memory.
            Unload();
            throw;
        }
    }

    /// <summary>Forgets what this activation holds, so its next call reads the log.</summary>
    private void Unload()
    {
        memory.Forget();
        loaded = false;
    }

    /// <summary>Every event, from this activation's memory if it replayed them all, else from the log.</summary>
    private async Task<IReadOnlyList<IncidentEvent>> WholeHistory() =>
        Lifecycle.HoldsWholeHistory ? Lifecycle.Events : (await log.Read(Id)).Events;

    private async Task<FileResult> FileFirst(ReportDetails report, Actor reporter)
    {
        if (!TrackingCode.TryParse(Id, out var code) || code.Value != Id)
            throw new ArgumentException($"Incident {Id} is not a tracking code.");

        var now = clock.GetCurrentInstant();
        var route = router.Route(report, now);
        var priority = report.Priority ?? reference.Categories[report.Category].DefaultPriority;
        var sla = reference.Sla.PolicyFor(report.Category, priority);
        await Append(Lifecycle.File(code, priority, report, route, reporter, now, sla));
        logger.LogInformation(
            "Incident {IncidentId} filed via {Channel}: {Category} {Priority}, routed to commune {Commune} agency {Agency} ({Routing})",
            Id, report.Channel, report.Category, priority, route.Commune, route.Agency, route.Explanation);
        ScheduleSla(now);
        metrics.ReportAccepted(report.Channel, opened: true);
        return new FileResult(FileOutcome.Created, Lifecycle.ToView(Id));
    }

    public async Task<IncidentView?> Get()
    {
        await Load();
        return Lifecycle.Exists ? Lifecycle.ToView(Id) : null;
    }

    public async Task<IReadOnlyList<IncidentEvent>> GetTimeline()
    {
        await Load();
        return await WholeHistory();
    }

    public async Task<CommandResult> Execute(IncidentCommand command, Actor actor)
    {
        await Load();
        var now = clock.GetCurrentInstant();
        var decision = Lifecycle.Decide(command, actor, now);
        if (decision.Events.Count == 0)
        {
            if (decision.Result.Kind is not CommandResultKind.Replayed and not CommandResultKind.NotFound)
                logger.LogInformation("Incident {IncidentId}: {Action} by {ActorRole} {ActorId} refused: {Outcome} {Reason}",
                    Id, command.Action, actor.Role, actor.Id, decision.Result.Kind, decision.Result.Message);
            return decision.Result;
        }

        await Append(decision.Events);
        logger.LogInformation("Incident {IncidentId}: {Action} by {ActorRole} {ActorId}, now {Status} (seq {Seq})",
            Id, command.Action, actor.Role, actor.Id, Lifecycle.Status, Lifecycle.LastSeq);
        ScheduleSla(now);
        return decision.Result;
    }

    public async Task<CommandResult> RecordCrew(BacGiang.Incidents.FieldDispatch.CrewStep step, Actor actor)
    {
        await Load();
        var decision = Lifecycle.DecideCrew(step, actor, clock.GetCurrentInstant());
        if (decision.Events.Count == 0)
        {
            logger.LogInformation("Incident {IncidentId}: crew {CrewId} {CrewStep} by {ActorId} refused: {Outcome} {Reason}",
                Id, step.Crew, step.Kind, actor.Id, decision.Result.Kind, decision.Result.Message);
            return decision.Result;
        }
        await Append(decision.Events);
        logger.LogInformation("Incident {IncidentId}: crew {CrewId} {CrewStep} by {ActorId}, now {Status} (seq {Seq})",
            Id, step.Crew, step.Kind, actor.Id, Lifecycle.Status, Lifecycle.LastSeq);
        ScheduleSla(clock.GetCurrentInstant());
        return decision.Result;
    }

    public async Task CheckSla()
    {
        await Load();
        await EvaluateSla();
    }

    public async Task<Instant?> Wake()
    {
        await Load();
        await EvaluateSla();
        if (DeliveriesOwed()) ScheduleDeliveries(Duration.Zero);
        var next = AlarmAt(DeliveryRetry);
        memory.ReleaseSchedule();
        return next;
    }

    public async Task<bool> ErasePersonalData(Duration after)
    {
        await Load();
        var now = clock.GetCurrentInstant();
        if (!Lifecycle.Exists || Lifecycle.PersonalDataRedactedAt is not null || !Lifecycle.Status.IsTerminal() || Lifecycle.UpdatedAt > now - after)
            return false;
        // The chats first: they are found through the reports' reply addresses, which the redaction removes.
        foreach (var user in IncidentDeliveries.ZaloReporters(Lifecycle))
            await GrainFactory.GetGrain<IZaloConversationGrain>(user).Forget(Id);
        // The redaction needs every event; an activation restored from a snapshot holds only the later ones.
        var whole = Lifecycle.HoldsWholeHistory ? Lifecycle : IncidentLifecycle.Replay(await WholeHistory());
        var redacted = whole.Events.Select(PersonalDataRedactor.Redact).ToList();
        var photoIds = PersonalDataRedactor.StoredPhotosToErase(whole);
        var marker = new PersonalDataRedacted
        {
            Seq = Lifecycle.LastSeq + 1, At = now, Actor = Actor.System,
            Classes = [PersonalDataRedactor.ReporterContact, PersonalDataRedactor.ImagesAndPlates],
            Rule = $"{after.Days} days after the incident ended",
        };
        var erased = IncidentLifecycle.Replay([.. redacted, marker]);
        try
        {
            await log.Redact(IncidentRecord.Of(Id, erased, memory.Schedule) with { WakeAt = AlarmAt(Duration.Zero) }, redacted, marker, photoIds);
        }
        finally
        {
            // The next activation reads the redacted log; nothing of the old history stays in memory.
            this.DeactivateOnIdle();
        }
        memory.Replace(erased);
        logger.LogInformation("Incident {IncidentId}: reporters' personal data erased ({Rule})", Id, marker.Rule);
        return true;
    }

    public async Task<FileResult> Attach(ReportDetails report, Actor reporter)
    {
        await Load();
        var (outcome, events) = Lifecycle.Attach(report, reporter, clock.GetCurrentInstant());
        if (events.Count > 0)
        {
            await Append(events);
            logger.LogInformation("Incident {IncidentId}: a further report via {Channel} attached ({ReportCount} reports)", Id, report.Channel, Lifecycle.ReportCount);
            metrics.ReportAccepted(report.Channel, opened: false);
        }
        return new FileResult(outcome, outcome is FileOutcome.Attached or FileOutcome.AlreadyFiled ? Lifecycle.ToView(Id) : null);
    }

    public async Task<bool> ReceiveMerge(string from, IReadOnlyList<ReportDetails> reports)
    {
        await Load();
        if (!Lifecycle.Exists) return false;
        var events = Lifecycle.ReceiveMerge(from, reports, clock.GetCurrentInstant());
        if (events.Count > 0)
        {
            await Append(events);
            logger.LogInformation("Incident {IncidentId}: {Count} reports merged in from {From}", Id, reports.Count, from);
        }
        return true;
    }

    public async Task<bool> CorrelateAlerts(AlertTally tally)
    {
        await Load();
        if (!Lifecycle.Exists || Lifecycle.Status.IsTerminal() || Lifecycle.Status == IncidentStatus.Resolved) return false;
        var events = Lifecycle.CorrelateAlerts(tally, clock.GetCurrentInstant());
        if (events.Count == 0) return true;
        await Append(events);
        return true;
    }

    public async Task<EscalationAckResult> AcknowledgeEscalation(EscalationKind kind, int round, int level, Actor actor, string via)
    {
        await Load();
        if (!Lifecycle.Exists) return new EscalationAckResult(EscalationAckOutcome.NotFired);
        var now = clock.GetCurrentInstant();
        var (existing, events) = Lifecycle.AcknowledgeEscalation(kind, round, level, actor, via, now);
        if (existing is not null) return new EscalationAckResult(EscalationAckOutcome.AlreadyAcknowledged, existing.Actor.Id, existing.At);
        if (events.Count == 0) return new EscalationAckResult(EscalationAckOutcome.NotFired);
        await Append(events);
        logger.LogInformation("Incident {IncidentId}: escalation {Kind} level {Level} acknowledged by {ActorId} via {Via}", Id, kind, level, actor.Id, via);
        ScheduleSla(now);
        return new EscalationAckResult(EscalationAckOutcome.Acknowledged, actor.Id, now);
    }

    public async Task<SlaView?> GetSla()
    {
        await Load();
        return memory.Schedule is { } schedule ? SlaView.Of(Id, Lifecycle, schedule, clock.GetCurrentInstant()) : null;
    }

    public async Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (!LegacyReminders.Contains(reminderName)) return;
        await Load();
        await Unregister(reminderName);
        await Wake();
    }

    private async Task<FileResult> Refile(ReportDetails report)
    {
        var first = Lifecycle.Report!;
        var outcome = report.IdempotencyKey is not null && report.IdempotencyKey == first.IdempotencyKey
            ? report.RequestFingerprint == first.RequestFingerprint ? FileOutcome.AlreadyFiled : FileOutcome.KeyReused
            : FileOutcome.CodeTaken;
        if (outcome != FileOutcome.AlreadyFiled) return new FileResult(outcome, null);
        return new FileResult(outcome, Lifecycle.ToView(Id));
    }

    /// <summary>Fires every step that is due, then arranges to be woken for the next one.</summary>
    private async Task EvaluateSla()
    {
        if (memory.Schedule is not { } schedule) return;
        var now = clock.GetCurrentInstant();
        var due = schedule.DueBy(now);
        if (due.Count > 0)
        {
            var raised = Lifecycle.RaiseEscalations(due, now);
            await Append(raised);
            foreach (EscalationRaised x in raised)
            {
                logger.LogWarning(
                    "Incident {IncidentId} escalated: {Kind} level {Level} repeat {Repeat} to {Targets}, due {DueAt}, {LatenessMs} ms late",
                    Id, x.Kind, x.Level, x.Repeat, x.Targets, x.DueAt, (long)x.Lateness.TotalMilliseconds);
                metrics.EscalationFired(x.Kind == EscalationKind.Ack ? "ack" : "resolve", x.Level, x.Lateness.TotalSeconds);
            }
            // Append scheduled their notifications (DeliveriesOwed), in a turn of their own.
        }
        ScheduleSla(now);
    }

    /// <summary>
    /// A grain timer for the next step while this activation lives. The alarm row written with each append is the
    /// backstop that survives deactivation and silo crashes: a sweep wakes the incident when the timer could not.
    /// </summary>
    private void ScheduleSla(Instant now)
    {
        slaTimer?.Dispose();
        slaTimer = null;
        var nextDue = memory.Schedule?.NextDue;
        // This ends every turn that changed the incident. Between turns only the fold is kept; the schedule built
        // from it (every pending ladder step) is built again when next needed, which keeps a silo with 100,000
        // waiting incidents small.
        memory.ReleaseSchedule();
        if (nextDue is not { } next) return;
        var delay = next > now ? next - now : Duration.Zero;
        slaTimer = this.RegisterGrainTimer(EvaluateSla, new GrainTimerCreationOptions(delay.ToTimeSpan(), Timeout.InfiniteTimeSpan)
        {
            Interleave = false,
            KeepAlive = false,
        });
    }

    /// <summary>
    /// Appends the events to the log, with the read-model rows they change, in one commit shared with other incidents
    /// (group commit): nothing else sees them before. If the commit fails the command fails, and this activation, whose
    /// memory is now ahead of the log, gives way to a fresh one that reads the log again.
    /// </summary>
    private async Task Append(IReadOnlyList<IncidentEvent> events)
    {
        memory.Apply(events);
        var record = Record();
        var snapshot = memory.SnapshotDue();
        try
        {
            await log.Append(record, events, snapshot);
        }
        catch
        {
            this.DeactivateOnIdle();
            throw;
        }
        if (snapshot is not null) memory.SnapshotStored(snapshot);
        TrackInUnits(record.Summary);
        if (DeliveriesOwed()) ScheduleDeliveries(Duration.Zero);
    }

    /// <summary>
    /// The read-model row and alarm as of the current events. Owing a delivery (sent from a turn of its own) wakes at
    /// once, should this activation die before sending it.
    /// </summary>
    private IncidentRecord Record() => IncidentRecord.Of(Id, Lifecycle, memory.Schedule) with { WakeAt = AlarmAt(Duration.Zero) };

    /// <summary>When the alarm row rings: <see cref="NextWake"/>, or ahead of it if this activation will be gone by then.</summary>
    private Instant? AlarmAt(Duration whileOwed) => alarm.For(NextWake(whileOwed), clock.GetCurrentInstant());

    /// <summary>When the alarm must wake this incident: its next step, or <paramref name="whileOwed"/> from now if sooner and a delivery is owed.</summary>
    private Instant? NextWake(Duration whileOwed)
    {
        var next = memory.Schedule?.NextDue;
        if (!DeliveriesOwed()) return next;
        var soon = clock.GetCurrentInstant() + whileOwed;
        return next is { } due && due < soon ? due : soon;
    }

    private bool DeliveriesOwed() => deliveries.AnyOwed(Lifecycle);

    /// <summary>
    /// What this incident owes other grains (status updates to Zalo conversations, reports to a merge target or a
    /// split-out incident) goes out in a turn of its own, after the current call has returned: the callee may be
    /// the very grain waiting on this one (a Zalo conversation filing a report here), and waiting on it in the same
    /// turn would deadlock both.
    /// </summary>
    private void ScheduleDeliveries(Duration delay) =>
        deliveryTimer ??= this.RegisterGrainTimer(Deliver, new GrainTimerCreationOptions(delay.ToTimeSpan(), Timeout.InfiniteTimeSpan)
        {
            Interleave = false,
            KeepAlive = true,
        });

    private async Task Deliver()
    {
        deliveryTimer?.Dispose();
        deliveryTimer = null;
        try
        {
            await deliverer.DeliverOwed(Id, Lifecycle, () => memory.Schedule, deliveries);
        }
        catch (Exception e)
        {
            // Retried by timer while this activation lives, and by the alarm sweep (every DeliveryRetry) after it.
            logger.LogWarning(e, "Incident {IncidentId}: deliveries to other grains failed; retrying", Id);
            ScheduleDeliveries(Duration.FromSeconds(5));
        }
    }

    /// <summary>
    /// Tells the incident's commune and agency (and one it just left) of the change: their counters, and the commune's
    /// live consoles. One-way: both are conveniences backed by the read model, never worth a wait.
    /// </summary>
    private void TrackInUnits(IncidentSummary summary)
    {
        if (summary.Commune is { } commune) trackedBy.Add((true, commune));
        if (summary.Agency is { } agency) trackedBy.Add((false, agency));
        foreach (var (isCommune, code) in trackedBy.ToList())
        {
            IStaffedUnitGrain unit = isCommune ? grains.Get<ICommuneGrain>(code) : grains.Get<IAgencyGrain>(code);
            _ = unit.Track(summary);
            if (code != (isCommune ? summary.Commune : summary.Agency)) trackedBy.Remove((isCommune, code));
        }
    }

    private async Task Unregister(string name)
    {
        if (await this.GetReminder(name) is { } reminder) await this.UnregisterReminder(reminder);
    }
}
