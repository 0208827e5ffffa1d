using BacGiang.Incidents.Domain.Events;
using NodaTime;

namespace BacGiang.Incidents.Sla;

/// <summary>
/// Where one SLA clock stands: started, its deadline, met or not, still running or stopped. While
/// <see cref="Paused"/> no step falls due, and <see cref="Deadline"/> is provisional: it moves later by however
/// long the pause lasts.
/// </summary>
public sealed record SlaClock(EscalationKind Kind, int Round, Instant StartedAt, Instant Deadline, Instant? MetAt, bool Running)
{
    public bool Paused { get; init; }
    public IReadOnlyList<PausedSpan> Pauses { get; init; } = [];
}

/// <summary>
/// The escalation steps an incident owes, computed from its SLA snapshot and its events alone (DESIGN.md §4).
/// The acknowledgement clock starts when the incident is reported and again when it is dispatched to a new
/// holder; acknowledging meets it. The resolution clock starts when reported and again when reopened;
/// resolving meets it. Rejection, closure and merging stop both. Pure, so tests can drive it with any clock.
/// </summary>
public sealed class EscalationSchedule
{
    private readonly SlaPolicy policy;
    private readonly BusinessCalendar calendar;
    private readonly HashSet<EscalationStep> fired;
    private readonly IReadOnlyDictionary<(EscalationKind Kind, int Round, int Level), Instant> acknowledged;

    private readonly IReadOnlyDictionary<EscalationKind, Run?> runs;

    private EscalationSchedule(
        SlaPolicy policy, BusinessCalendar calendar, IReadOnlyList<SlaClock> clocks, List<EscalationRaised> raised,
        IReadOnlyDictionary<EscalationKind, Run?> runs, IReadOnlyDictionary<(EscalationKind, int, int), Instant> acknowledged)
    {
        this.acknowledged = acknowledged;
        this.policy = policy;
        this.calendar = calendar;
        this.runs = runs;
        Clocks = clocks;
        Fired = raised;
        fired = raised.Select(r => r.Step).ToHashSet();
        Pending = clocks.Where(c => c.Running && !c.Paused).SelectMany(Steps).Where(s => !fired.Contains(s.Step)).OrderBy(s => s.DueAt)
            .ThenBy(s => s.Step.Kind).ThenBy(s => s.Step.Level).ThenBy(s => s.Step.Repeat).ToList();
    }

    /// <summary>The latest run of each clock.</summary>
    public IReadOnlyList<SlaClock> Clocks { get; }

    public IReadOnlyList<EscalationRaised> Fired { get; }

    /// <summary>Steps of running clocks not yet fired, earliest first.</summary>
    public IReadOnlyList<ScheduledStep> Pending { get; }

    /// <summary>Whether someone a fired level reached has acknowledged it.</summary>
    public bool IsAcknowledged(EscalationKind kind, int round, int level) => acknowledged.ContainsKey((kind, round, level));

    public Instant? NextDue => Pending.Count > 0 ? Pending[0].DueAt : null;

    /// <summary>What must fire now, in the order it fell due: after an outage, everything missed, oldest first.</summary>
    public IReadOnlyList<ScheduledStep> DueBy(Instant now) => Pending.TakeWhile(s => s.DueAt <= now).ToList();

    public SlaClock? Clock(EscalationKind kind) => Clocks.FirstOrDefault(c => c.Kind == kind);

    /// <summary>Business time left to the deadline; negative (business time past it) once missed.</summary>
    public Duration Remaining(SlaClock clock, Instant now) =>
        now <= clock.Deadline ? calendar.Elapsed(now, clock.Deadline) : -calendar.Elapsed(clock.Deadline, now);

    /// <summary>Business time the clock ran from its start to <paramref name="end"/>, paused spans excluded.</summary>
    public Duration BusinessTimeTaken(SlaClock clock, Instant end)
    {
        var taken = calendar.Elapsed(clock.StartedAt, end);
        foreach (var pause in clock.Pauses)
        {
            var to = pause.To is { } t && t < end ? t : end;
            if (pause.From < to) taken -= calendar.Elapsed(pause.From, to);
        }
        return taken;
    }

    public static EscalationSchedule Of(SlaPolicy policy, BusinessCalendar calendar, IEnumerable<IncidentEvent> events)
    {
        var fold = new Fold(policy);
        foreach (var e in events) fold.Apply(e);
        return fold.Schedule(calendar);
    }

    /// <summary>
    /// The schedule's view of the events so far, taken one event at a time: an incident keeps one and applies each
    /// new event, so an append costs the same with ten thousand events before it as with ten. Serializable: it goes
    /// into the incident's snapshot with the lifecycle.
    /// </summary>
    [GenerateSerializer, Alias("EscalationSchedule.Fold")]
    public sealed class Fold(SlaPolicy policy)
    {
        [Id(0)] private readonly SlaPolicy policy = policy;
        // Made on first use, as in IncidentLifecycle: most incidents are settled before any step fires.
        [Id(1)] private List<EscalationRaised>? raised;
        [Id(2)] private Dictionary<(EscalationKind, int, int), Instant>? acknowledgedLevels;
        [Id(3)] private Run? ack;
        [Id(4)] private Run? resolve;

        public SlaPolicy Policy => policy;

        public void Apply(IncidentEvent e)
        {
            switch (e)
            {
                case IncidentReported:
                    ack = new Run(0, e.At);
                    resolve = new Run(0, e.At);
                    break;
                case IncidentDispatched when ack is not null:
                    ack = new Run(ack.Round + 1, e.At);
                    resolve?.Resume(e.At);
                    break;
                case IncidentAcknowledged when ack is { Running: true }:
                    ack.Meet(e.At);
                    break;
                case IncidentWaiting when policy.PauseWhileWaiting && resolve is { Running: true }:
                    resolve.Pause(e.At);
                    break;
                // Back in triage nobody waits for the citizen any more: the resolve clock runs again.
                case IncidentResumed or IncidentReturnedToTriage:
                    resolve?.Resume(e.At);
                    break;
                case IncidentResolved when resolve is { Running: true }:
                    resolve.Resume(e.At);
                    resolve.Meet(e.At);
                    break;
                case IncidentReopened when resolve is not null:
                    resolve = new Run(resolve.Round + 1, e.At);
                    break;
                case IncidentRejected or IncidentClosed or IncidentMerged:
                    ack?.Stop();
                    resolve?.Stop(e.At);
                    break;
                case EscalationRaised r:
                    (raised ??= []).Add(r);
                    break;
                case EscalationAcknowledged a:
                    (acknowledgedLevels ??= []).TryAdd((a.Kind, a.Round, a.Level), a.At);
                    break;
            }
        }

        /// <summary>The schedule as of the events applied so far; later events do not change it (its runs are copies).</summary>
        public EscalationSchedule Schedule(BusinessCalendar calendar)
        {
            var (a, r) = (ack?.Copy(), resolve?.Copy());
            var clocks = new List<SlaClock>();
            if (a is not null) clocks.Add(a.ToClock(EscalationKind.Ack, policy.Acknowledge, calendar));
            if (r is not null) clocks.Add(r.ToClock(EscalationKind.Resolve, policy.Resolve, calendar));
            var runs = new Dictionary<EscalationKind, Run?> { [EscalationKind.Ack] = a, [EscalationKind.Resolve] = r };
            return new EscalationSchedule(policy, calendar, clocks, raised is null ? [] : [.. raised], runs,
                acknowledgedLevels is null ? [] : new Dictionary<(EscalationKind, int, int), Instant>(acknowledgedLevels));
        }
    }

    private IEnumerable<ScheduledStep> Steps(SlaClock clock)
    {
        var run = runs[clock.Kind]!;
        var ladder = policy.Ladder(clock.Kind);
        var target = policy.Target(clock.Kind);
        // Due times are business-time offsets from the clock's start, with paused spans taken out.
        Instant Due(Duration offset) => run.At(offset, calendar);
        Instant? LevelDue(int i) => i < ladder.Count ? Due(target + ladder[i].After) : null;
        // Each level's due time is also the cut-off for the repeats of the level before: worked out once.
        var nextLevelDue = LevelDue(0);
        for (var i = 0; i < ladder.Count; i++)
        {
            var level = ladder[i];
            var due = nextLevelDue!.Value;
            nextLevelDue = LevelDue(i + 1);
            yield return new ScheduledStep(new EscalationStep(clock.Kind, clock.Round, level.Level, 0), clock.Deadline, due, level.Targets);
            // Someone the level reached said they have it: its repeats stop, the next level stays.
            if (acknowledged.ContainsKey((clock.Kind, clock.Round, level.Level))) continue;
            for (var k = 1; k <= level.RepeatCount; k++)
            {
                // A repeat that would come after the next level is pointless: the next level supersedes it.
                var repeatDue = Due(target + level.After + level.RepeatEvery * k);
                if (nextLevelDue is { } next && repeatDue >= next) break;
                yield return new ScheduledStep(new EscalationStep(clock.Kind, clock.Round, level.Level, k), clock.Deadline, repeatDue, level.Targets);
            }
        }
    }

    /// <summary>One run of a clock: running segments separated by pauses, until met or stopped.</summary>
    [GenerateSerializer, Alias("EscalationSchedule.Run")]
    internal sealed class Run(int round, Instant start)
    {
        // Only a clock that has paused has spans: made on the first pause.
        [Id(0)] private List<(Instant From, Instant To)>? closed;
        [Id(1)] private List<PausedSpan>? pauses;
        [Id(2)] private Instant openFrom = start;
        [Id(3)] private Instant? pausedSince;
        [Id(4)] private Instant? met;
        [Id(5)] private bool stopped;

        public Run Copy() => new(Round, Start)
        {
            closed = closed is null ? null : [.. closed], pauses = pauses is null ? null : [.. pauses], openFrom = openFrom, pausedSince = pausedSince, met = met, stopped = stopped,
        };

        [Id(6)] public int Round { get; } = round;
        [Id(7)] public Instant Start { get; } = start;
        public bool Running => met is null && !stopped;

        public void Pause(Instant at)
        {
            if (pausedSince is not null) return;
            (closed ??= []).Add((openFrom, at));
            pausedSince = at;
        }

        public void Resume(Instant at)
        {
            if (pausedSince is not { } since) return;
            (pauses ??= []).Add(new PausedSpan(since, at));
            pausedSince = null;
            openFrom = at;
        }

        public void Meet(Instant at) => met = at;

        public void Stop(Instant? at = null)
        {
            if (at is { } t) Resume(t);
            stopped = true;
        }

        /// <summary>
        /// The instant at which <paramref name="offset"/> of running business time has passed. While paused the
        /// open segment is taken to restart at the pause, which is why a paused clock's deadline is provisional.
        /// </summary>
        public Instant At(Duration offset, BusinessCalendar calendar)
        {
            if (closed is not null)
            {
                foreach (var (from, to) in closed)
                {
                    var length = calendar.Elapsed(from, to);
                    if (offset <= length) return calendar.Add(from, offset);
                    offset -= length;
                }
            }
            return calendar.Add(pausedSince ?? openFrom, offset);
        }

        public SlaClock ToClock(EscalationKind kind, Duration target, BusinessCalendar calendar)
        {
            List<PausedSpan> spans = pausedSince is { } since ? [.. pauses ?? [], new PausedSpan(since, null)] : [.. pauses ?? []];
            return new SlaClock(kind, Round, Start, At(target, calendar), met, Running)
            {
                Paused = pausedSince is not null && Running,
                Pauses = spans,
            };
        }
    }
}
