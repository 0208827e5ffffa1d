using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Sla;
using NodaTime;

namespace BacGiang.Incidents.Domain;

/// <summary>The outcome of deciding a command: the result to answer with and the events to append (none on failure).</summary>
public sealed record Decision(CommandResult Result, IReadOnlyList<IncidentEvent> Events)
{
    public static Decision Fail(CommandResult result) => new(result, []);
}

/// <summary>
/// The incident's lifecycle rules (DESIGN.md section 2) as a pure fold over its events: no I/O.
/// The grain persists the events this class decides and feeds them back through <see cref="Apply"/>.
/// Serializable as the incident's snapshot: every field is folded state (an [Id]) except the events applied to this
/// instance (ORLEANS0004 refuses a field that is neither), so a snapshot plus the later events is the same fold as
/// all the events.
/// </summary>
[GenerateSerializer, Alias("IncidentLifecycle")]
public sealed partial class IncidentLifecycle
{
    /// <summary>How long after resolution a citizen may still reopen.</summary>
    public static readonly Duration ReopenWindow = Duration.FromDays(7);

    public const int MaxNoteLength = 2000;
    public const int MaxRatingComment = 1000;

    private static readonly IReadOnlyDictionary<IncidentStatus, IncidentAction[]> Allowed =
        new Dictionary<IncidentStatus, IncidentAction[]>
        {
            [IncidentStatus.Received] = [IncidentAction.Dispatch, IncidentAction.Reject, IncidentAction.AddNote, IncidentAction.Merge, IncidentAction.Split],
            [IncidentStatus.Assigned] = [IncidentAction.Acknowledge, IncidentAction.Dispatch, IncidentAction.ReturnToTriage, IncidentAction.Reject, IncidentAction.AddNote, IncidentAction.Merge, IncidentAction.Split],
            [IncidentStatus.Acknowledged] = [IncidentAction.Start, IncidentAction.Dispatch, IncidentAction.ReturnToTriage, IncidentAction.AddNote, IncidentAction.Merge, IncidentAction.Split],
            [IncidentStatus.InProgress] = [IncidentAction.Resolve, IncidentAction.Dispatch, IncidentAction.Wait, IncidentAction.ReturnToTriage, IncidentAction.AddNote, IncidentAction.Merge, IncidentAction.Split],
            [IncidentStatus.Waiting] = [IncidentAction.Resume, IncidentAction.Resolve, IncidentAction.Dispatch, IncidentAction.ReturnToTriage, IncidentAction.AddNote, IncidentAction.Merge, IncidentAction.Split],
            [IncidentStatus.Resolved] = [IncidentAction.Close, IncidentAction.Reopen, IncidentAction.AddNote, IncidentAction.Split],
            [IncidentStatus.Closed] = [],
            [IncidentStatus.Rejected] = [],
            [IncidentStatus.Merged] = [],
        };

    // The events applied to this instance: all of them after a replay, only those after the snapshot after a restore.
    [NonSerialized] private readonly List<IncidentEvent> events = [];
    [Id(0)] private long lastSeq;
    // The seq the events held here follow: 0 after a replay, the snapshot's seq after a restore.
    [NonSerialized] private long heldFrom;
    // The collections most incidents never fill are made on first use: every open incident an activation holds
    // carries them, and empty ones were a sixth of its objects, all copied by each collection they survive.
    [Id(2)] private Dictionary<string, long>? seqByCommandId;
    [Id(3)] private SortedDictionary<long, ReportDetails>? attached;
    [Id(4)] private List<ReportDetails>? mergedIn;
    [Id(5)] private HashSet<string>? mergedFrom;
    [Id(6)] private List<Rating>? ratings;
    [Id(7)] private List<EscalationRaised>? raised;
    // The first acknowledgement of each fired level, by (kind, round, level).
    [Id(8)] private Dictionary<(EscalationKind, int, int), EscalationAcknowledged>? acknowledgedLevels;
    // The seq of the last event of each type: what is owed to others since a seq, without the events themselves.
    [Id(33)] private readonly Dictionary<string, long> lastSeqByType = new(StringComparer.Ordinal);

    /// <summary>
    /// The events applied to this instance, oldest first: the whole history after <see cref="Replay"/>, only the
    /// events after the snapshot when restored from one (<see cref="HeldFrom"/>).
    /// </summary>
    public IReadOnlyList<IncidentEvent> Events => events;
    /// <summary>Every escalation step fired, oldest first.</summary>
    public IReadOnlyList<EscalationRaised> EscalationsRaised => (IReadOnlyList<EscalationRaised>?)raised ?? [];
    /// <summary>The seq of the last event of any of <paramref name="types"/>; 0 if there is none.</summary>
    public long LastSeqOf(IEnumerable<Type> types) => types.Select(t => lastSeqByType.GetValueOrDefault(t.Name)).DefaultIfEmpty().Max();
    /// <summary>The seq <see cref="Events"/> follows: 0 when they are the whole history.</summary>
    public long HeldFrom => heldFrom;
    /// <summary>Whether <see cref="Events"/> is the whole history (not restored from a snapshot).</summary>
    public bool HoldsWholeHistory => heldFrom == 0;
    public bool Exists => lastSeq > 0;
    public long LastSeq => lastSeq;
    [Id(9)] public IncidentStatus Status { get; private set; }
    [Id(10)] public string TrackingCode { get; private set; } = "";
    [Id(11)] public Priority Priority { get; private set; }
    [Id(12)] public ReportDetails? Report { get; private set; }
    [Id(13)] public string? Commune { get; private set; }
    [Id(14)] public string? Agency { get; private set; }
    [Id(15)] public string? TriageReason { get; private set; }
    [Id(16)] public Instant ReportedAt { get; private set; }
    [Id(17)] public Instant UpdatedAt { get; private set; }
    [Id(18)] public Instant? AcknowledgedAt { get; private set; }
    [Id(19)] public Instant? ResolvedAt { get; private set; }
    [Id(20)] public Instant? ClosedAt { get; private set; }
    /// <summary>When the retention policy erased its reporters' personal data (<see cref="Events.PersonalDataRedacted"/>).</summary>
    [Id(21)] public Instant? PersonalDataRedactedAt { get; private set; }
    [Id(22)] public Resolution? Resolution { get; private set; }
    /// <summary>Citizens' ratings, oldest first; kept across a reopening (each reporter rates once).</summary>
    public IReadOnlyList<Rating> Ratings => (IReadOnlyList<Rating>?)ratings ?? [];
    [Id(23)] public SlaPolicy? Sla { get; private set; }
    /// <summary>Reports other citizens made of the same thing, by the seq of the event that attached each.</summary>
    public IReadOnlyDictionary<long, ReportDetails> AttachedReports => (IReadOnlyDictionary<long, ReportDetails>?)attached ?? NoReports;
    private static readonly IReadOnlyDictionary<long, ReportDetails> NoReports = new Dictionary<long, ReportDetails>();
    /// <summary>Every report this incident holds: the first, those attached, those merged in from other incidents.</summary>
    public IEnumerable<ReportDetails> AllReports => Report is null ? [] : [Report, .. AttachedReports.Values, .. MergedInReports];
    private IReadOnlyList<ReportDetails> MergedInReports => (IReadOnlyList<ReportDetails>?)mergedIn ?? [];
    public int ReportCount => Report is null ? 0 : 1 + AttachedReports.Count + MergedInReports.Count;
    /// <summary>Where this incident's reports went when a supervisor merged it.</summary>
    [Id(24)] public string? MergedInto { get; private set; }
    /// <summary>Reports split out, by the seq that had attached each, with the new incident each one went to.</summary>
    public IReadOnlyDictionary<long, (string NewIncidentId, ReportDetails Report)> SplitOut =>
        (IReadOnlyDictionary<long, (string, ReportDetails)>?)splitOut ?? NoSplits;
    private static readonly IReadOnlyDictionary<long, (string, ReportDetails)> NoSplits = new Dictionary<long, (string, ReportDetails)>();
    [Id(25)] private Dictionary<long, (string, ReportDetails)>? splitOut;

    /// <summary>For an incident raised by a camera: the alerts correlated into it so far.</summary>
    [Id(26)] public AlertTally? Alerts { get; private set; }

    /// <summary>Highest ladder level reached by the current runs of the ack and resolve clocks (0: none).</summary>
    public int EscalationLevel => Math.Max(ackLevel, resolveLevel);
    [Id(27)] public IReadOnlyList<string> EscalationTargets { get; private set; } = [];
    [Id(28)] private int ackLevel;
    [Id(29)] private int resolveLevel;
    [Id(30)] private string? crewAgency;

    public static IncidentLifecycle Replay(IEnumerable<IncidentEvent> history)
    {
        var lifecycle = new IncidentLifecycle();
        foreach (var e in history) lifecycle.Apply(e);
        return lifecycle;
    }

    /// <summary>
    /// Called on an instance just read from a snapshot: it holds no events, and the next one it takes follows the
    /// snapshot's last.
    /// </summary>
    public IncidentLifecycle Restored()
    {
        if (events.Count > 0) throw new InvalidOperationException($"Incident {TrackingCode} was not read from a snapshot: it holds events.");
        heldFrom = lastSeq;
        return this;
    }

    public static IReadOnlyList<IncidentAction> AllowedActions(IncidentStatus status) => Allowed[status];

    /// <summary>The first two events of every incident: what was reported, then where routing sent it.</summary>
    public IReadOnlyList<IncidentEvent> File(
        TrackingCode code, Priority priority, ReportDetails report, RoutingDecision route, Actor reporter, Instant now, SlaPolicy? sla = null)
    {
        if (Exists) throw new InvalidOperationException($"Incident {TrackingCode} was already filed.");
        IncidentEvent reported = new IncidentReported
        {
            Seq = 1, At = now, Actor = reporter,
            TrackingCode = code.Value, Priority = priority, Report = report, Sla = sla,
        };
        IncidentEvent routed = route.IsRouted
            ? new IncidentAssigned { Seq = 2, At = now, Actor = Actor.System, Commune = route.Commune!, Agency = route.Agency!, Rule = route.Explanation }
            : new IncidentTriaged { Seq = 2, At = now, Actor = Actor.System, Reason = route.Explanation, Commune = route.Commune, Agency = route.Agency };
        return [reported, routed];
    }

    public Decision Decide(IncidentCommand command, Actor actor, Instant now)
    {
        if (!Exists) return Decision.Fail(CommandResult.NotFound("No such incident."));
        // Scope first: a retry answers only to someone who may still see the incident (it may have been dispatched away).
        if (!CanSee(actor)) return Decision.Fail(CommandResult.Forbidden(OutOfScope(actor)));
        if (command.CommandId is { } id && seqByCommandId?.TryGetValue(id, out var firstSeq) == true)
            return new Decision(CommandResult.Replayed(firstSeq), []);
        if (Validate(command) is { } invalid) return Decision.Fail(invalid);
        if (command is Rate rate) return DecideRate(rate, actor, now);
        if (!Allowed[Status].Contains(command.Action)) return Decision.Fail(Conflict(command.Action, null));
        if (!MayPerform(actor, command.Action))
            return Decision.Fail(CommandResult.Forbidden($"{actor.Role} may not {Name(command.Action)} an incident."));

        if (command is Dispatch d && DispatchFailure(d) is { } badDispatch) return Decision.Fail(badDispatch);
        if (command is Merge { Into: var into } && into == TrackingCode)
            return Decision.Fail(CommandResult.Invalid("into", "An incident cannot be merged into itself."));
        if (command is Split { ReportSeq: var reportSeq } && !AttachedReports.ContainsKey(reportSeq))
            return Decision.Fail(CommandResult.Invalid("reportSeq", $"Seq {reportSeq} is not a report attached to this incident (attached: {string.Join(", ", AttachedReports.Keys)})."));
        if (command is Reopen && ResolvedAt is { } resolvedAt && now - resolvedAt > ReopenWindow)
            return Decision.Fail(Conflict(command.Action,
                $"Reopening is possible for {ReopenWindow.Days} days after resolution; this incident was resolved at {resolvedAt}."));

        var seq = LastSeq + 1;
        IncidentEvent e = command switch
        {
            Acknowledge c => new IncidentAcknowledged { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Note = c.Note },
            Dispatch c => new IncidentDispatched
            {
                Seq = seq, At = now, Actor = actor, CommandId = c.CommandId,
                Commune = c.Commune ?? Commune!, Agency = c.Agency ?? Agency!, Reason = c.Reason,
            },
            Start c => new WorkStarted { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Note = c.Note },
            Resolve c => new IncidentResolved
            {
                Seq = seq, At = now, Actor = actor, CommandId = c.CommandId,
                Outcome = c.Outcome, Note = c.Note, Reason = c.Reason, ReferredTo = c.ReferredTo, PhotoUrl = c.PhotoUrl,
            },
            Close c => new IncidentClosed { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Note = c.Note },
            Reject c => new IncidentRejected { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Reason = c.Reason },
            Reopen c => new IncidentReopened { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Reason = c.Reason },
            Wait c => new IncidentWaiting { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Reason = c.Reason },
            Resume c => new IncidentResumed { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Note = c.Note },
            Merge c => new IncidentMerged { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Into = c.Into, Reason = c.Reason },
            Split c => new ReportSplitOut { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, ReportSeq = c.ReportSeq, NewIncidentId = c.NewIncidentId, Reason = c.Reason },
            AddNote c => new NoteAdded { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Text = c.Text.Trim() },
            ReturnToTriage c => new IncidentReturnedToTriage { Seq = seq, At = now, Actor = actor, CommandId = c.CommandId, Reason = c.Reason.Trim(), FromAgency = Agency },
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown command."),
        };
        return new Decision(CommandResult.Done(seq), [e]);
    }

    /// <summary>One event per due step, in the order given, each with its true lateness at <paramref name="now"/>.</summary>
    public IReadOnlyList<IncidentEvent> RaiseEscalations(IReadOnlyList<ScheduledStep> due, Instant now) =>
        due.Select((step, i) => (IncidentEvent)new EscalationRaised
        {
            Seq = LastSeq + 1 + i, At = now, Actor = Actor.System,
            Kind = step.Step.Kind, Round = step.Step.Round, Level = step.Step.Level, Repeat = step.Step.Repeat,
            SlaDeadline = step.SlaDeadline, DueAt = step.DueAt, Lateness = now - step.DueAt, Targets = step.Targets,
        }).ToList();

    /// <summary>
    /// A recipient acknowledging a fired level. Once per level and run: a second acknowledgement (another recipient, or
    /// the same one on another channel) changes nothing and says who was first. A level that has not fired is refused.
    /// </summary>
    public (EscalationAcknowledged? Existing, IReadOnlyList<IncidentEvent> Events) AcknowledgeEscalation(
        EscalationKind kind, int round, int level, Actor actor, string via, Instant now)
    {
        if (acknowledgedLevels?.TryGetValue((kind, round, level), out var existing) == true) return (existing, []);
        if (!EscalationsRaised.Any(x => x.Kind == kind && x.Round == round && x.Level == level)) return (null, []);
        return (null, [new EscalationAcknowledged { Seq = LastSeq + 1, At = now, Actor = actor, Kind = kind, Round = round, Level = level, Via = via }]);
    }

    public void Apply(IncidentEvent e)
    {
        if (e.Seq != LastSeq + 1)
            throw new InvalidOperationException($"Event seq {e.Seq} does not follow {LastSeq} on incident {TrackingCode}.");
        events.Add(e);
        lastSeq = e.Seq;
        lastSeqByType[e.GetType().Name] = e.Seq;
        UpdatedAt = e.At;
        if (e.CommandId is { } id) (seqByCommandId ??= new(StringComparer.Ordinal)).TryAdd(id, e.Seq);
        switch (e)
        {
            case IncidentReported r:
                TrackingCode = r.TrackingCode;
                Priority = r.Priority;
                Report = r.Report;
                Sla = r.Sla;
                ReportedAt = r.At;
                Status = IncidentStatus.Received;
                break;
            case IncidentAssigned a:
                Hold(a.Commune, a.Agency);
                Status = IncidentStatus.Assigned;
                break;
            case IncidentTriaged t:
                Commune = t.Commune;
                Agency = t.Agency;
                TriageReason = t.Reason;
                Status = IncidentStatus.Received;
                break;
            case IncidentDispatched d:
                Hold(d.Commune, d.Agency);
                AcknowledgedAt = null;
                ackLevel = 0;
                Status = IncidentStatus.Assigned;
                break;
            case IncidentAcknowledged:
                AcknowledgedAt = e.At;
                Status = IncidentStatus.Acknowledged;
                break;
            case WorkStarted:
                Status = IncidentStatus.InProgress;
                break;
            case IncidentResolved r:
                ResolvedAt = r.At;
                Resolution = new Resolution(r.Outcome, r.Note, r.Reason, r.ReferredTo, r.PhotoUrl);
                Status = IncidentStatus.Resolved;
                break;
            case IncidentClosed:
                ClosedAt = e.At;
                Status = IncidentStatus.Closed;
                break;
            case IncidentRejected:
                Status = IncidentStatus.Rejected;
                break;
            case IncidentReopened:
                ResolvedAt = null;
                Resolution = null;
                resolveLevel = 0;
                Status = IncidentStatus.InProgress;
                break;
            case IncidentWaiting:
                Status = IncidentStatus.Waiting;
                break;
            case IncidentResumed:
                Status = IncidentStatus.InProgress;
                break;
            case ReportAttached a:
                (attached ??= [])[a.Seq] = a.Report;
                break;
            case IncidentMerged m:
                MergedInto = m.Into;
                Status = IncidentStatus.Merged;
                break;
            case ReportsMergedIn m:
                (mergedFrom ??= new(StringComparer.Ordinal)).Add(m.From);
                (mergedIn ??= []).AddRange(m.Reports);
                break;
            case ReportSplitOut x:
                (splitOut ??= [])[x.ReportSeq] = (x.NewIncidentId, AttachedReports[x.ReportSeq]);
                attached!.Remove(x.ReportSeq);
                break;
            case EscalationAcknowledged a:
                (acknowledgedLevels ??= []).TryAdd((a.Kind, a.Round, a.Level), a);
                break;
            case NoteAdded:
                break;
            case IncidentRated r:
                (ratings ??= []).Add(new Rating(r.Stars, r.Comment, r.Channel, r.Actor.Id, r.At));
                break;
            case PersonalDataRedacted:
                PersonalDataRedactedAt = e.At;
                break;
            case IncidentReturnedToTriage r:
                // The commune stays (the place has not changed); the agency goes, so its staff no longer see it.
                Agency = null;
                TriageReason = r.FromAgency is null ? r.Reason : $"{r.FromAgency}: {r.Reason}";
                Status = IncidentStatus.Received;
                break;
            case AlertsCorrelated a:
                Alerts = a.Tally;
                break;
            case CrewEvent c:
                ApplyCrew(c);
                crewAgency = Agency;
                break;
            case EscalationRaised x:
                (raised ??= []).Add(x);
                if (x.Kind == EscalationKind.Ack) ackLevel = Math.Max(ackLevel, x.Level);
                else resolveLevel = Math.Max(resolveLevel, x.Level);
                EscalationTargets = x.Targets;
                break;
            default:
                throw new InvalidOperationException($"Unknown event {e.GetType().Name}.");
        }
        // A crew holds the incident only while its agency works it: resolving, ending it or sending it to another
        // agency (or back to triage) lets the crew go; the agency's board hears of it through the incident's summary.
        if (Crew is not null && (!TakesCrews(Status) || Agency != crewAgency)) Crew = null;
    }

    public bool CanSee(Actor actor) => IncidentAccess.CanSee(actor, Commune, Agency);

    public IncidentView ToView(string id) => new()
    {
        Id = id,
        TrackingCode = TrackingCode,
        Status = Status,
        Category = Report!.Category,
        Priority = Priority,
        Commune = Commune,
        Agency = Agency,
        TriageReason = Status == IncidentStatus.Received ? TriageReason : null,
        ReportedAt = ReportedAt,
        UpdatedAt = UpdatedAt,
        AcknowledgedAt = AcknowledgedAt,
        ResolvedAt = ResolvedAt,
        ClosedAt = ClosedAt,
        Resolution = Resolution,
        Report = Report,
        LastSeq = LastSeq,
        AllowedActions = AllowedActions(Status),
        EscalationLevel = EscalationLevel,
        EscalationTargets = EscalationTargets,
        Alerts = Alerts,
        ReportCount = ReportCount,
        MergedInto = MergedInto,
        Ratings = Ratings,
        Crew = Crew,
        FirstArrivedAt = FirstArrivedAt,
    };

    /// <summary>Whether a further report of the same thing may join: a resolved or ended incident takes no more.</summary>
    public bool TakesReports => Exists && !Status.IsTerminal() && Status != IncidentStatus.Resolved;

    /// <summary>
    /// Another report joining this incident. A report this incident already holds (the same Idempotency-Key, the
    /// first one's included) is a retry: AlreadyFiled, or KeyReused if the key came with another body.
    /// </summary>
    public (FileOutcome Outcome, IReadOnlyList<IncidentEvent> Events) Attach(ReportDetails report, Actor reporter, Instant now)
    {
        if (report.IdempotencyKey is { } key && AllReports.FirstOrDefault(r => r.IdempotencyKey == key) is { } held)
            return (held.RequestFingerprint == report.RequestFingerprint ? FileOutcome.AlreadyFiled : FileOutcome.KeyReused, []);
        if (!TakesReports) return (FileOutcome.NotOpen, []);
        return (FileOutcome.Attached, [new ReportAttached { Seq = LastSeq + 1, At = now, Actor = reporter, Report = report }]);
    }

    /// <summary>The reports of an incident merged into this one; nothing when they already arrived.</summary>
    public IReadOnlyList<IncidentEvent> ReceiveMerge(string from, IReadOnlyList<ReportDetails> reports, Instant now) =>
        !Exists || mergedFrom?.Contains(from) == true
            ? []
            : [new ReportsMergedIn { Seq = LastSeq + 1, At = now, Actor = Actor.System, From = from, Reports = reports }];

    /// <summary>The event recording a camera's new totals, or none when they add nothing (a repeat, or an older tally).</summary>
    public IReadOnlyList<IncidentEvent> CorrelateAlerts(AlertTally tally, Instant now) =>
        Alerts is { } known && known.Count >= tally.Count
            ? []
            : [new AlertsCorrelated { Seq = LastSeq + 1, At = now, Actor = new Actor(ActorRole.System, "camera:" + tally.CameraId), Tally = tally }];

    public IncidentSummary ToSummary(string id) => new()
    {
        IncidentId = id,
        Seq = LastSeq,
        TrackingCode = TrackingCode,
        Status = Status,
        Category = Report!.Category,
        Priority = Priority,
        Commune = Commune,
        Agency = Agency,
        ReportedAt = ReportedAt,
        UpdatedAt = UpdatedAt,
        Summary = Report.Description.Length <= 140 ? Report.Description : string.Concat(Report.Description.AsSpan(0, 139), "…"),
        Address = Report.Address,
        TriageReason = Status == IncidentStatus.Received ? TriageReason : null,
        EscalationLevel = EscalationLevel,
        ReportCount = ReportCount,
        Crew = Crew,
    };

    private void Hold(string commune, string agency)
    {
        Commune = commune;
        Agency = agency;
        TriageReason = null;
    }

    private static bool MayPerform(Actor actor, IncidentAction action)
    {
        if (actor.Role is ActorRole.Supervisor or ActorRole.Admin) return true;
        return action switch
        {
            IncidentAction.Acknowledge or IncidentAction.Dispatch or IncidentAction.Reject => actor.Role == ActorRole.CommuneOfficer,
            IncidentAction.Start or IncidentAction.Resolve or IncidentAction.Close => actor.Role == ActorRole.AgencyStaff,
            IncidentAction.Reopen => actor.Role is ActorRole.Citizen or ActorRole.CommuneOfficer,
            // The agency asks the citizen; the officer who takes the citizen's call may resume as well.
            IncidentAction.Wait => actor.Role == ActorRole.AgencyStaff,
            // The citizen, answering what they were asked (the Zalo assistant resumes only where the SLA policy paused the clock).
            IncidentAction.Resume => actor.Role is ActorRole.AgencyStaff or ActorRole.CommuneOfficer or ActorRole.Citizen,
            IncidentAction.ReturnToTriage => actor.Role == ActorRole.AgencyStaff,
            // Whoever may see the incident may write on it; citizens speak through reports, not notes.
            IncidentAction.AddNote => actor.Role is ActorRole.AgencyStaff or ActorRole.CommuneOfficer,
            _ => false,
        };
    }

    /// <summary>Whether <paramref name="citizen"/> (an actor id such as "tracking-code" or "zalo:…") may rate now.</summary>
    public bool CanRate(string citizen) =>
        Status is IncidentStatus.Resolved or IncidentStatus.Closed && RatingBy(citizen) is null;

    /// <summary>The rating this citizen (actor id) gave, if any.</summary>
    public Rating? RatingBy(string citizen) => Ratings.FirstOrDefault(r => r.By == citizen);

    /// <summary>
    /// A rating is a citizen's, allowed once the incident is resolved or closed (a reopened incident is being worked
    /// again), and once per reporter: a second one is refused and the first stands. It is not among the staff's
    /// <see cref="AllowedActions"/>.
    /// </summary>
    private Decision DecideRate(Rate rate, Actor actor, Instant now)
    {
        if (actor.Role != ActorRole.Citizen) return Decision.Fail(CommandResult.Forbidden("Only the citizen who reported an incident may rate it."));
        if (Status is not (IncidentStatus.Resolved or IncidentStatus.Closed))
            return Decision.Fail(Conflict(IncidentAction.Rate, $"An incident can be rated once it is resolved or closed; this one is {Name(Status)}."));
        if (RatingBy(actor.Id) is { } first)
            return Decision.Fail(Conflict(IncidentAction.Rate, $"This incident was already rated ({first.Stars} stars at {first.At}); a rating is given once."));
        var seq = LastSeq + 1;
        var comment = string.IsNullOrWhiteSpace(rate.Comment) ? null : rate.Comment.Trim();
        return new Decision(CommandResult.Done(seq),
            [new IncidentRated { Seq = seq, At = now, Actor = actor, CommandId = rate.CommandId, Stars = rate.Stars, Comment = comment, Channel = rate.Channel }]);
    }

    private static CommandResult? Validate(IncidentCommand command) => command switch
    {
        Rate { Stars: < 1 or > 5 } => CommandResult.Invalid("stars", "Stars are a whole number from 1 to 5."),
        Rate { Comment.Length: > MaxRatingComment } => CommandResult.Invalid("comment", $"A comment is at most {MaxRatingComment} characters."),
        Rate { Channel: var ch } when string.IsNullOrWhiteSpace(ch) => CommandResult.Invalid("channel", "A rating names its channel."),
        Dispatch { Reason: var r } when string.IsNullOrWhiteSpace(r) => CommandResult.Invalid("reason", "A dispatch needs a reason."),
        Dispatch { Commune: null, Agency: null } => CommandResult.Invalid("agency", "Name the commune or the agency to dispatch to."),
        Reject { Reason: var r } when string.IsNullOrWhiteSpace(r) => CommandResult.Invalid("reason", "A rejection needs a reason."),
        Reopen { Reason: var r } when string.IsNullOrWhiteSpace(r) => CommandResult.Invalid("reason", "Say why the incident is reopened."),
        Wait { Reason: var r } when string.IsNullOrWhiteSpace(r) => CommandResult.Invalid("reason", "Say what is awaited from the citizen."),
        AddNote { Text: var text } when string.IsNullOrWhiteSpace(text) => CommandResult.Invalid("text", "A note needs some text."),
        AddNote { Text.Length: > MaxNoteLength } => CommandResult.Invalid("text", $"A note is at most {MaxNoteLength} characters."),
        ReturnToTriage { Reason: var r } when string.IsNullOrWhiteSpace(r) => CommandResult.Invalid("reason", "Say why the incident is not for this agency."),
        Merge { Into: var into } when string.IsNullOrWhiteSpace(into) => CommandResult.Invalid("into", "Name the incident to merge into."),
        Split { NewIncidentId: var id } when string.IsNullOrWhiteSpace(id) => CommandResult.Invalid("newIncidentId", "A split needs the new incident's id."),
        Resolve { Outcome: ResolutionOutcome.NotFixed, Reason: var r } when string.IsNullOrWhiteSpace(r) =>
            CommandResult.Invalid("reason", "An outcome of not_fixed needs a reason."),
        Resolve { Outcome: ResolutionOutcome.NotResponsible, ReferredTo: var to } when string.IsNullOrWhiteSpace(to) =>
            CommandResult.Invalid("referredTo", "An outcome of not_responsible must name the body it was referred to."),
        _ => null,
    };

    private CommandResult? DispatchFailure(Dispatch c)
    {
        var commune = c.Commune ?? Commune;
        var agency = c.Agency ?? Agency;
        if (commune is null) return CommandResult.Invalid("commune", "The incident has no commune yet; name one.");
        if (agency is null) return CommandResult.Invalid("agency", "The incident has no agency yet; name one.");
        if (Status == IncidentStatus.Assigned && commune == Commune && agency == Agency)
            return CommandResult.Invalid("agency", $"Already assigned to commune {commune} and agency {agency}.");
        return null;
    }

    private CommandResult Conflict(IncidentAction action, string? why) => new()
    {
        Kind = CommandResultKind.Conflict,
        Message = why ?? $"Cannot {Name(action)} an incident that is {Name(Status)}.",
        CurrentStatus = Status,
        AllowedActions = AllowedActions(Status),
    };

    /// <summary>Names as the API spells them (in_progress, acknowledge), so messages match the JSON around them.</summary>
    private static string Name<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());

    private string OutOfScope(Actor actor) => actor.Role switch
    {
        ActorRole.CommuneOfficer => $"Incident is not in commune {actor.Commune}.",
        ActorRole.AgencyStaff => $"Incident is not assigned to agency {actor.Agency}.",
        _ => "Not allowed.",
    };
}
