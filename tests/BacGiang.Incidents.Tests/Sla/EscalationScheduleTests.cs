using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Sla;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using static BacGiang.Incidents.Tests.Sla.Calendars;

namespace BacGiang.Incidents.Tests.Sla;

public class EscalationScheduleTests
{
    // fire/P1: 24x7, acknowledge in 5 min, resolve in 2 h; urgent ladders (data/escalation-ladders.csv).
    private static readonly SlaPolicy Fire = Catalog.PolicyFor("fire", Priority.P1);
    private static readonly Instant T = Local(2026, 11, 23, 22);
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup");

    private static IncidentLifecycle Filed(SlaPolicy? policy = null)
    {
        var lifecycle = new IncidentLifecycle();
        var report = Reports.Garbage() with { Category = "fire" };
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P1, report,
                     RoutingDecision.Routed(Reports.DaiSon, "fire-police", "commune-code"), Actor.Citizen("app"), T, policy ?? Fire))
            lifecycle.Apply(e);
        return lifecycle;
    }

    private static void Run(IncidentLifecycle lifecycle, IncidentCommand command, Instant at)
    {
        var decision = lifecycle.Decide(command, Supervisor, at);
        Assert.True(decision.Result.Succeeded, decision.Result.Message);
        foreach (var e in decision.Events) lifecycle.Apply(e);
    }

    private static EscalationSchedule Schedule(IncidentLifecycle lifecycle) =>
        EscalationSchedule.Of(lifecycle.Sla!, Catalog.Calendar(lifecycle.Sla!.Calendar), lifecycle.Events);

    private static void Fire_(IncidentLifecycle lifecycle, Instant now)
    {
        foreach (var e in lifecycle.RaiseEscalations(Schedule(lifecycle).DueBy(now), now)) lifecycle.Apply(e);
    }

    private static string Describe(ScheduledStep s) => $"{s.Step.Kind} L{s.Step.Level}.{s.Step.Repeat} +{(s.DueAt - T).TotalMinutes}m";

    [Fact]
    public void A_new_incident_owes_both_ladders_with_repeats_that_stop_before_the_next_level()
    {
        var schedule = Schedule(Filed());
        Assert.Equal(
            [
                "Ack L1.0 +5m", "Ack L1.1 +10m", "Ack L1.2 +15m", "Ack L2.0 +20m", "Ack L3.0 +35m", "Ack L4.0 +65m",
                "Resolve L1.0 +120m", "Resolve L1.1 +150m", "Resolve L2.0 +180m", "Resolve L3.0 +360m",
            ],
            schedule.Pending.Select(Describe));
        Assert.Equal(T + Duration.FromMinutes(5), schedule.Clock(EscalationKind.Ack)!.Deadline);
        Assert.Equal(T + Duration.FromMinutes(5), schedule.NextDue);
    }

    [Fact]
    public void After_an_outage_everything_missed_is_due_at_once_oldest_first_with_its_true_lateness()
    {
        var lifecycle = Filed();
        var now = T + Duration.FromMinutes(40);
        var raised = lifecycle.RaiseEscalations(Schedule(lifecycle).DueBy(now), now).Cast<EscalationRaised>().ToList();

        Assert.Equal([(1, 0), (1, 1), (1, 2), (2, 0), (3, 0)], raised.Select(r => (r.Level, r.Repeat)));
        Assert.Equal([35.0, 30.0, 25.0, 20.0, 5.0], raised.Select(r => r.Lateness.TotalMinutes));
        Assert.Equal(Enumerable.Range(3, 5).Select(i => (long)i), raised.Select(r => r.Seq));
        Assert.All(raised, r => Assert.Equal(now, r.At));
    }

    [Fact]
    public void Fired_steps_are_not_owed_again_and_the_level_rises()
    {
        var lifecycle = Filed();
        Fire_(lifecycle, T + Duration.FromMinutes(21));
        Assert.Equal(2, lifecycle.EscalationLevel);
        Assert.Equal(["commune-chairman", "agency-head"], lifecycle.EscalationTargets);
        var schedule = Schedule(lifecycle);
        Assert.Empty(schedule.DueBy(T + Duration.FromMinutes(21)));
        Assert.Equal("Ack L3.0 +35m", Describe(schedule.Pending[0]));
    }

    [Fact]
    public void Acknowledging_stops_the_ack_ladder_but_not_the_resolve_ladder()
    {
        var lifecycle = Filed();
        Fire_(lifecycle, T + Duration.FromMinutes(6));
        Run(lifecycle, new Acknowledge(), T + Duration.FromMinutes(7));

        var schedule = Schedule(lifecycle);
        Assert.All(schedule.Pending, s => Assert.Equal(EscalationKind.Resolve, s.Step.Kind));
        Assert.Equal(T + Duration.FromMinutes(7), schedule.Clock(EscalationKind.Ack)!.MetAt);
        Assert.Empty(schedule.DueBy(T + Duration.FromMinutes(100)));
    }

    [Fact]
    public void Dispatch_restarts_the_ack_clock_for_the_new_holder_and_resolving_stops_the_rest()
    {
        var lifecycle = Filed();
        Run(lifecycle, new Acknowledge(), T + Duration.FromMinutes(2));
        Run(lifecycle, new Dispatch { Commune = Reports.SonDong, Reason = "wrong commune" }, T + Duration.FromMinutes(30));

        var ack = Schedule(lifecycle).Clock(EscalationKind.Ack)!;
        Assert.Equal((1, T + Duration.FromMinutes(35), true), (ack.Round, ack.Deadline, ack.Running));
        Assert.Equal(0, lifecycle.EscalationLevel);

        Run(lifecycle, new Acknowledge(), T + Duration.FromMinutes(31));
        Run(lifecycle, new Start(), T + Duration.FromMinutes(32));
        Run(lifecycle, new Resolve { Outcome = ResolutionOutcome.Fixed }, T + Duration.FromMinutes(90));
        Assert.Empty(Schedule(lifecycle).Pending);
    }

    [Fact]
    public void Reopening_restarts_the_resolve_clock_from_the_reopening()
    {
        var lifecycle = Filed();
        Run(lifecycle, new Acknowledge(), T + Duration.FromMinutes(1));
        Run(lifecycle, new Start(), T + Duration.FromMinutes(2));
        Run(lifecycle, new Resolve { Outcome = ResolutionOutcome.Fixed }, T + Duration.FromMinutes(60));
        Run(lifecycle, new Reopen { Reason = "fire restarted" }, T + Duration.FromMinutes(300));

        var resolve = Schedule(lifecycle).Clock(EscalationKind.Resolve)!;
        Assert.Equal((1, T + Duration.FromMinutes(420)), (resolve.Round, resolve.Deadline));
        Assert.All(Schedule(lifecycle).Pending, s => Assert.Equal(1, s.Step.Round));
    }

    [Fact]
    public void Rejecting_stops_every_clock()
    {
        var lifecycle = Filed();
        Run(lifecycle, new Reject { Reason = "prank call" }, T + Duration.FromMinutes(1));
        Assert.Empty(Schedule(lifecycle).Pending);
        Assert.Null(Schedule(lifecycle).NextDue);
    }

    [Fact]
    public void Office_hours_ladders_count_business_time_from_a_report_made_at_night()
    {
        var garbage = Catalog.PolicyFor("garbage_dumping", Priority.P3); // office hours, acknowledge in 4 h
        var lifecycle = Filed(garbage);
        var ack = Schedule(lifecycle).Clock(EscalationKind.Ack)!;
        Assert.Equal(Local(2026, 11, 24, 11, 30), ack.Deadline); // Tue 07:30 + 4 h: the whole morning window
        Assert.Equal(Duration.FromHours(4), Schedule(lifecycle).Remaining(ack, T));
        Assert.Equal(-Duration.FromMinutes(30), Schedule(lifecycle).Remaining(ack, Local(2026, 11, 24, 14))); // lunch is not late
    }

    [Fact]
    public void Waiting_pauses_the_resolve_clock_where_the_policy_allows_and_moves_its_steps_by_the_pause()
    {
        var garbage = Catalog.PolicyFor("garbage_dumping", Priority.P3); // office hours, resolve in 40 h, pauses while waiting
        Assert.True(garbage.PauseWhileWaiting);
        var monday8 = Local(2026, 11, 23, 8);
        var lifecycle = new IncidentLifecycle();
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P3, Reports.Garbage(),
                     RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), monday8, garbage))
            lifecycle.Apply(e);
        var original = Schedule(lifecycle).Clock(EscalationKind.Resolve)!.Deadline;
        Run(lifecycle, new Acknowledge(), monday8 + Duration.FromMinutes(10));
        Run(lifecycle, new Start(), monday8 + Duration.FromMinutes(20));
        Run(lifecycle, new Wait { Reason = "exact location?" }, Local(2026, 11, 23, 9));

        var paused = Schedule(lifecycle);
        Assert.True(paused.Clock(EscalationKind.Resolve)!.Paused);
        Assert.DoesNotContain(paused.Pending, s => s.Step.Kind == EscalationKind.Resolve);
        Assert.Empty(paused.DueBy(Local(2027, 1, 1, 0)));

        Run(lifecycle, new Resume { Note = "citizen called back" }, Local(2026, 11, 25, 9)); // two working days = 15 h paused
        var resumed = Schedule(lifecycle).Clock(EscalationKind.Resolve)!;
        Assert.False(resumed.Paused);
        Assert.Equal(Office.Add(original, Duration.FromHours(15)), resumed.Deadline);
        Assert.Equal([new PausedSpan(Local(2026, 11, 23, 9), Local(2026, 11, 25, 9))], resumed.Pauses);
        var firstResolveStep = Schedule(lifecycle).Pending.First(s => s.Step.Kind == EscalationKind.Resolve);
        Assert.Equal(resumed.Deadline, firstResolveStep.DueAt);
    }

    [Fact]
    public void Handing_a_waiting_incident_back_to_triage_restarts_its_paused_resolve_clock()
    {
        var garbage = Catalog.PolicyFor("garbage_dumping", Priority.P3);
        var monday8 = Local(2026, 11, 23, 8);
        var lifecycle = new IncidentLifecycle();
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P3, Reports.Garbage(),
                     RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), monday8, garbage))
            lifecycle.Apply(e);
        Run(lifecycle, new Acknowledge(), monday8 + Duration.FromMinutes(10));
        Run(lifecycle, new Start(), monday8 + Duration.FromMinutes(20));
        Run(lifecycle, new Wait { Reason = "exact location?" }, Local(2026, 11, 23, 9));

        // Nobody waits for the citizen once the agency has given the incident up, so the clock must run again.
        Run(lifecycle, new ReturnToTriage { Reason = "not ours" }, Local(2026, 11, 23, 10));

        var resolve = Schedule(lifecycle).Clock(EscalationKind.Resolve)!;
        Assert.False(resolve.Paused);
        Assert.Equal([new PausedSpan(Local(2026, 11, 23, 9), Local(2026, 11, 23, 10))], resolve.Pauses);
        Assert.Contains(Schedule(lifecycle).Pending, s => s.Step.Kind == EscalationKind.Resolve);
    }

    [Fact]
    public void Waiting_does_not_pause_a_clock_whose_policy_says_no()
    {
        var lifecycle = Filed(); // fire/P1: pause_while_waiting = false
        Run(lifecycle, new Acknowledge(), T + Duration.FromMinutes(1));
        Run(lifecycle, new Start(), T + Duration.FromMinutes(2));
        Run(lifecycle, new Wait { Reason = "which building?" }, T + Duration.FromMinutes(3));

        var resolve = Schedule(lifecycle).Clock(EscalationKind.Resolve)!;
        Assert.False(resolve.Paused);
        Assert.Equal(T + Duration.FromHours(2), resolve.Deadline);
        Assert.Contains(Schedule(lifecycle).Pending, s => s.Step.Kind == EscalationKind.Resolve);
    }
}
