using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Domain;

public class IncidentLifecycleTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);
    private static readonly Actor Officer = new(ActorRole.CommuneOfficer, "officer-1", Commune: Reports.DaiSon);
    private static readonly Actor OtherOfficer = new(ActorRole.CommuneOfficer, "officer-2", Commune: Reports.SonDong);
    private static readonly Actor Staff = new(ActorRole.AgencyStaff, "staff-1", Agency: "urenco");
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup-1");

    private static IncidentLifecycle Filed(RoutingDecision? route = null)
    {
        var lifecycle = new IncidentLifecycle();
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P3, Reports.Garbage(),
                     route ?? RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0))
            lifecycle.Apply(e);
        return lifecycle;
    }

    private static CommandResult Run(IncidentLifecycle lifecycle, IncidentCommand command, Actor actor, Instant? at = null)
    {
        var decision = lifecycle.Decide(command, actor, at ?? T0 + Duration.FromMinutes(lifecycle.LastSeq));
        foreach (var e in decision.Events) lifecycle.Apply(e);
        return decision.Result;
    }

    /// <summary>Brings a fresh incident to <paramref name="status"/> along the lawful path.</summary>
    private static IncidentLifecycle At(IncidentStatus status)
    {
        var lifecycle = status == IncidentStatus.Received
            ? Filed(RoutingDecision.Triage("no commune named and no location given", null, "urenco"))
            : Filed();
        IncidentCommand[] path = status switch
        {
            IncidentStatus.Received or IncidentStatus.Assigned => [],
            IncidentStatus.Acknowledged => [new Acknowledge()],
            IncidentStatus.InProgress => [new Acknowledge(), new Start()],
            IncidentStatus.Resolved => [new Acknowledge(), new Start(), new Resolve { Outcome = ResolutionOutcome.Fixed }],
            IncidentStatus.Closed => [new Acknowledge(), new Start(), new Resolve { Outcome = ResolutionOutcome.Fixed }, new Close()],
            IncidentStatus.Rejected => [new Reject { Reason = "not an incident" }],
            IncidentStatus.Waiting => [new Acknowledge(), new Start(), new Wait { Reason = "which house number?" }],
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        foreach (var command in path) Assert.True(Run(lifecycle, command, Supervisor).Succeeded);
        Assert.Equal(status, lifecycle.Status);
        return lifecycle;
    }

    private static IncidentCommand Sample(IncidentAction action) => action switch
    {
        IncidentAction.Acknowledge => new Acknowledge(),
        IncidentAction.Dispatch => new Dispatch { Agency = "construction", Reason = "wrong agency" },
        IncidentAction.Start => new Start(),
        IncidentAction.Resolve => new Resolve { Outcome = ResolutionOutcome.Fixed },
        IncidentAction.Close => new Close(),
        IncidentAction.Reject => new Reject { Reason = "duplicate of a phone call" },
        IncidentAction.Reopen => new Reopen { Reason = "still there" },
        IncidentAction.Wait => new Wait { Reason = "need a photo" },
        IncidentAction.Resume => new Resume(),
        IncidentAction.Merge => new Merge { Into = "BG-2222-2222", Reason = "same fire" },
        IncidentAction.AddNote => new AddNote { Text = "called the reporter, no answer" },
        IncidentAction.ReturnToTriage => new ReturnToTriage { Reason = "the pipe is the water company's" },
        IncidentAction.Rate => new Rate { Stars = 4, Channel = "web" },
        _ => throw new ArgumentOutOfRangeException(nameof(action)),
    };

    public static TheoryData<IncidentStatus, IncidentAction, IncidentStatus?> Transitions()
    {
        // Every (status, action) pair: the status it leads to, or null where it must be refused with 409.
        var expected = new Dictionary<(IncidentStatus, IncidentAction), IncidentStatus>
        {
            [(IncidentStatus.Received, IncidentAction.Dispatch)] = IncidentStatus.Assigned,
            [(IncidentStatus.Received, IncidentAction.Reject)] = IncidentStatus.Rejected,
            [(IncidentStatus.Assigned, IncidentAction.Acknowledge)] = IncidentStatus.Acknowledged,
            [(IncidentStatus.Assigned, IncidentAction.Dispatch)] = IncidentStatus.Assigned,
            [(IncidentStatus.Assigned, IncidentAction.Reject)] = IncidentStatus.Rejected,
            [(IncidentStatus.Acknowledged, IncidentAction.Start)] = IncidentStatus.InProgress,
            [(IncidentStatus.Acknowledged, IncidentAction.Dispatch)] = IncidentStatus.Assigned,
            [(IncidentStatus.InProgress, IncidentAction.Resolve)] = IncidentStatus.Resolved,
            [(IncidentStatus.InProgress, IncidentAction.Dispatch)] = IncidentStatus.Assigned,
            [(IncidentStatus.Resolved, IncidentAction.Close)] = IncidentStatus.Closed,
            [(IncidentStatus.Resolved, IncidentAction.Reopen)] = IncidentStatus.InProgress,
            [(IncidentStatus.InProgress, IncidentAction.Wait)] = IncidentStatus.Waiting,
            [(IncidentStatus.Waiting, IncidentAction.Resume)] = IncidentStatus.InProgress,
            [(IncidentStatus.Waiting, IncidentAction.Resolve)] = IncidentStatus.Resolved,
            [(IncidentStatus.Waiting, IncidentAction.Dispatch)] = IncidentStatus.Assigned,
        };
        // A supervisor may merge any incident still being worked, and split a wrongly attached report out of any
        // incident not yet ended; a split leaves the status as it was.
        foreach (var open in new[] { IncidentStatus.Received, IncidentStatus.Assigned, IncidentStatus.Acknowledged, IncidentStatus.InProgress, IncidentStatus.Waiting })
        {
            expected[(open, IncidentAction.Merge)] = IncidentStatus.Merged;
            expected[(open, IncidentAction.Split)] = open;
        }
        expected[(IncidentStatus.Resolved, IncidentAction.Split)] = IncidentStatus.Resolved;
        // Notes change nothing but the timeline, up to the incident's end; the assigned agency may hand it back
        // to triage until it is resolved.
        foreach (var noted in new[] { IncidentStatus.Received, IncidentStatus.Assigned, IncidentStatus.Acknowledged, IncidentStatus.InProgress, IncidentStatus.Waiting, IncidentStatus.Resolved })
            expected[(noted, IncidentAction.AddNote)] = noted;
        foreach (var held in new[] { IncidentStatus.Assigned, IncidentStatus.Acknowledged, IncidentStatus.InProgress, IncidentStatus.Waiting })
            expected[(held, IncidentAction.ReturnToTriage)] = IncidentStatus.Received;
        // The citizen rates once the incident is resolved or closed; a rating changes no status.
        expected[(IncidentStatus.Resolved, IncidentAction.Rate)] = IncidentStatus.Resolved;
        expected[(IncidentStatus.Closed, IncidentAction.Rate)] = IncidentStatus.Closed;
        var data = new TheoryData<IncidentStatus, IncidentAction, IncidentStatus?>();
        IncidentStatus[] reachable =
        [
            IncidentStatus.Received, IncidentStatus.Assigned, IncidentStatus.Acknowledged, IncidentStatus.InProgress,
            IncidentStatus.Resolved, IncidentStatus.Closed, IncidentStatus.Rejected, IncidentStatus.Waiting,
        ];
        foreach (var status in reachable)
            foreach (var action in Enum.GetValues<IncidentAction>())
                data.Add(status, action, expected.TryGetValue((status, action), out var to) ? to : null);
        return data;
    }

    [Theory]
    [MemberData(nameof(Transitions))]
    public void Every_action_in_every_status_moves_as_the_design_says_or_changes_nothing(
        IncidentStatus from, IncidentAction action, IncidentStatus? to)
    {
        var lifecycle = At(from);
        // Triage knows the agency but not the commune, so a dispatch from there names the commune.
        IncidentCommand command;
        if (action == IncidentAction.Split)
        {
            // A second report to split out; applied directly, since a resolved incident no longer takes one.
            var attachedSeq = lifecycle.LastSeq + 1;
            lifecycle.Apply(new ReportAttached { Seq = attachedSeq, At = T0, Actor = Actor.Citizen("app"), Report = Reports.Garbage() });
            command = new Split { ReportSeq = attachedSeq, NewIncidentId = "BG-3333-3333", Reason = "another place" };
        }
        else
        {
            command = from == IncidentStatus.Received && action == IncidentAction.Dispatch
                ? new Dispatch { Commune = Reports.DaiSon, Reason = "commune confirmed by phone" }
                : Sample(action);
        }
        var seqBefore = lifecycle.LastSeq;

        // Rating is the citizen's; every other action is tried by a supervisor, who may do anything lawful.
        var result = Run(lifecycle, command, action == IncidentAction.Rate ? Actor.Citizen("tracking-code") : Supervisor);

        if (to is { } expected)
        {
            Assert.Equal(CommandResultKind.Done, result.Kind);
            Assert.Equal(expected, lifecycle.Status);
            Assert.Equal(seqBefore + 1, lifecycle.LastSeq);
        }
        else
        {
            Assert.Equal(CommandResultKind.Conflict, result.Kind);
            Assert.Equal(from, result.CurrentStatus);
            Assert.Equal(IncidentLifecycle.AllowedActions(from), result.AllowedActions);
            Assert.DoesNotContain(action, result.AllowedActions);
            Assert.Equal(from, lifecycle.Status);
            Assert.Equal(seqBefore, lifecycle.LastSeq);
        }
    }

    [Fact]
    public void Filing_records_the_report_then_the_routing_with_dense_seq()
    {
        var lifecycle = Filed();
        Assert.Collection(lifecycle.Events,
            e => Assert.IsType<IncidentReported>(e),
            e => Assert.Equal(Reports.DaiSon, Assert.IsType<IncidentAssigned>(e).Commune));
        Assert.Equal([1L, 2L], lifecycle.Events.Select(e => e.Seq));
        Assert.Equal(IncidentStatus.Assigned, lifecycle.Status);
        Assert.Equal(T0, lifecycle.ReportedAt);
    }

    [Fact]
    public void An_unroutable_report_waits_in_triage_with_its_reason()
    {
        var lifecycle = At(IncidentStatus.Received);
        Assert.Equal("no commune named and no location given", lifecycle.TriageReason);
        Assert.Equal("no commune named and no location given", lifecycle.ToSummary("x").TriageReason);
    }

    [Fact]
    public void A_repeated_command_id_returns_the_first_result_and_appends_nothing()
    {
        var lifecycle = Filed();
        var first = Run(lifecycle, new Acknowledge { CommandId = "c-1" }, Officer);
        var again = Run(lifecycle, new Acknowledge { CommandId = "c-1" }, Officer);

        Assert.Equal(CommandResultKind.Done, first.Kind);
        Assert.Equal(CommandResultKind.Replayed, again.Kind);
        Assert.Equal(first.Seq, again.Seq);
        Assert.Equal(3, lifecycle.LastSeq);
    }

    [Fact]
    public void Replaying_a_command_id_is_refused_to_someone_who_can_no_longer_see_the_incident()
    {
        var lifecycle = Filed();
        Run(lifecycle, new Acknowledge { CommandId = "c-1" }, Officer);
        Run(lifecycle, new Dispatch { Commune = Reports.SonDong, Reason = "sai địa bàn" }, Supervisor);

        var again = Run(lifecycle, new Acknowledge { CommandId = "c-1" }, Officer);
        Assert.Equal(CommandResultKind.Forbidden, again.Kind);
        Assert.Equal(CommandResultKind.Replayed, Run(lifecycle, new Acknowledge { CommandId = "c-1" }, Supervisor).Kind);
    }

    [Fact]
    public void A_command_id_is_remembered_after_replaying_the_history()
    {
        var lifecycle = Filed();
        Run(lifecycle, new Acknowledge { CommandId = "c-1" }, Officer);
        var replayed = IncidentLifecycle.Replay(lifecycle.Events);
        Assert.Equal(CommandResultKind.Replayed, replayed.Decide(new Acknowledge { CommandId = "c-1" }, Officer, T0).Result.Kind);
    }

    [Fact]
    public void An_officer_of_another_commune_is_refused_and_nothing_changes()
    {
        var lifecycle = Filed();
        var result = Run(lifecycle, new Acknowledge(), OtherOfficer);
        Assert.Equal(CommandResultKind.Forbidden, result.Kind);
        Assert.Equal(IncidentStatus.Assigned, lifecycle.Status);
        Assert.False(lifecycle.CanSee(OtherOfficer));
        Assert.True(lifecycle.CanSee(Officer));
    }

    [Fact]
    public void Each_role_does_its_own_part_only()
    {
        var lifecycle = Filed();
        Assert.Equal(CommandResultKind.Forbidden, Run(lifecycle, new Acknowledge(), Staff).Kind);
        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new Acknowledge(), Officer).Kind);
        Assert.Equal(CommandResultKind.Forbidden, Run(lifecycle, new Start(), Officer).Kind);
        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new Start(), Staff).Kind);
        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new Resolve { Outcome = ResolutionOutcome.Fixed }, Staff).Kind);
        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new Close(), Staff).Kind);
        Assert.Equal(IncidentStatus.Closed, lifecycle.Status);
    }

    [Fact]
    public void Staff_of_the_old_agency_lose_the_incident_once_it_is_dispatched_elsewhere()
    {
        var lifecycle = At(IncidentStatus.InProgress);
        Run(lifecycle, new Dispatch { Agency = "construction", Reason = "road, not garbage" }, Officer);
        Assert.Equal(IncidentStatus.Assigned, lifecycle.Status);
        Assert.Equal("construction", lifecycle.Agency);
        Assert.Null(lifecycle.AcknowledgedAt);
        Assert.False(lifecycle.CanSee(Staff));
    }

    [Fact]
    public void An_agency_hands_an_incident_back_to_triage_and_triage_dispatches_it_to_the_right_agency()
    {
        var lifecycle = At(IncidentStatus.InProgress);
        Assert.Equal(CommandResultKind.Forbidden, Run(lifecycle, new ReturnToTriage { Reason = "not ours" }, Officer).Kind);
        Assert.Equal("reason", Run(lifecycle, new ReturnToTriage { Reason = "  " }, Staff).Field);

        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new ReturnToTriage { Reason = "the pipe is the water company's" }, Staff).Kind);

        Assert.Equal(IncidentStatus.Received, lifecycle.Status);
        Assert.Null(lifecycle.Agency);
        Assert.Equal(Reports.DaiSon, lifecycle.Commune);
        Assert.Equal("urenco: the pipe is the water company's", lifecycle.ToSummary("x").TriageReason);
        Assert.False(lifecycle.CanSee(Staff));
        Assert.True(lifecycle.CanSee(Officer));

        Assert.Equal("agency", Run(lifecycle, new Dispatch { Reason = "water", Commune = Reports.DaiSon }, Supervisor).Field);
        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new Dispatch { Agency = "water", Reason = "water main" }, Supervisor).Kind);
        Assert.Equal(IncidentStatus.Assigned, lifecycle.Status);
        Assert.Equal("water", lifecycle.Agency);
        Assert.Null(lifecycle.ToSummary("x").TriageReason);
    }

    [Fact]
    public void A_note_goes_on_the_timeline_and_changes_nothing_else()
    {
        var lifecycle = At(IncidentStatus.Acknowledged);
        var before = lifecycle.ToView("x");

        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new AddNote { Text = "  crew sent, ETA 20 min " }, Officer).Kind);
        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new AddNote { Text = "on site" }, Staff).Kind);

        Assert.Equal(["crew sent, ETA 20 min", "on site"], lifecycle.Events.OfType<NoteAdded>().Select(n => n.Text));
        Assert.Equal(before with { LastSeq = before.LastSeq + 2, UpdatedAt = lifecycle.UpdatedAt }, lifecycle.ToView("x"));
        Assert.Equal("text", Run(lifecycle, new AddNote { Text = "" }, Officer).Field);
        Assert.Equal("text", Run(lifecycle, new AddNote { Text = new string('x', IncidentLifecycle.MaxNoteLength + 1) }, Officer).Field);
        Assert.Equal(CommandResultKind.Forbidden, Run(lifecycle, new AddNote { Text = "hi" }, Actor.Citizen("x")).Kind);
        Assert.Equal(CommandResultKind.Forbidden, Run(lifecycle, new AddNote { Text = "hi" }, OtherOfficer).Kind);
    }

    [Theory]
    [InlineData(ResolutionOutcome.NotFixed, "reason")]
    [InlineData(ResolutionOutcome.NotResponsible, "referredTo")]
    public void An_honest_outcome_must_say_why(ResolutionOutcome outcome, string field)
    {
        var lifecycle = At(IncidentStatus.InProgress);
        var result = Run(lifecycle, new Resolve { Outcome = outcome }, Staff);
        Assert.Equal(CommandResultKind.Invalid, result.Kind);
        Assert.Equal(field, result.Field);
        Assert.Equal(IncidentStatus.InProgress, lifecycle.Status);
    }

    [Fact]
    public void Reject_and_dispatch_need_a_reason()
    {
        var lifecycle = Filed();
        Assert.Equal("reason", Run(lifecycle, new Reject { Reason = " " }, Officer).Field);
        Assert.Equal("reason", Run(lifecycle, new Dispatch { Agency = "construction", Reason = "" }, Officer).Field);
        Assert.Equal("agency", Run(lifecycle, new Dispatch { Agency = "urenco", Reason = "again" }, Officer).Field);
    }

    [Fact]
    public void A_citizen_may_reopen_within_seven_days_of_resolution_but_not_after()
    {
        var resolvedAt = T0 + Duration.FromHours(1);
        var lifecycle = At(IncidentStatus.InProgress);
        Run(lifecycle, new Resolve { Outcome = ResolutionOutcome.Fixed }, Staff, resolvedAt);

        var late = Run(lifecycle, new Reopen { Reason = "still there" }, Actor.Citizen("x"), resolvedAt + IncidentLifecycle.ReopenWindow + Duration.FromSeconds(1));
        Assert.Equal(CommandResultKind.Conflict, late.Kind);
        Assert.Contains("7 days", late.Message);

        var inTime = Run(lifecycle, new Reopen { Reason = "still there" }, Actor.Citizen("x"), resolvedAt + IncidentLifecycle.ReopenWindow);
        Assert.Equal(CommandResultKind.Done, inTime.Kind);
        Assert.Equal(IncidentStatus.InProgress, lifecycle.Status);
        Assert.Null(lifecycle.Resolution);
    }

    [Fact]
    public void A_gap_in_the_event_sequence_is_refused()
    {
        var lifecycle = Filed();
        var bad = new IncidentClosed { Seq = 5, At = T0, Actor = Supervisor };
        Assert.Throws<InvalidOperationException>(() => lifecycle.Apply(bad));
    }

    [Fact]
    public void An_incident_that_was_never_filed_is_not_found()
    {
        Assert.Equal(CommandResultKind.NotFound, new IncidentLifecycle().Decide(new Acknowledge(), Supervisor, T0).Result.Kind);
    }

    [Fact]
    public void A_rating_is_recorded_once_per_citizen_and_only_after_resolution()
    {
        var web = Actor.Citizen("tracking-code");
        var lifecycle = At(IncidentStatus.InProgress);
        var early = Run(lifecycle, new Rate { Stars = 5, Channel = "web" }, web);
        Assert.Equal((CommandResultKind.Conflict, IncidentStatus.InProgress), (early.Kind, early.CurrentStatus));
        Assert.Contains("resolved or closed", early.Message);

        Run(lifecycle, new Resolve { Outcome = ResolutionOutcome.NotFixed, Reason = "the pipe belongs to a private estate" }, Staff);
        Assert.True(lifecycle.CanRate("tracking-code"));
        var first = Run(lifecycle, new Rate { Stars = 2, Comment = "  slow  ", Channel = "web" }, web, T0 + Duration.FromDays(1));
        Assert.Equal(CommandResultKind.Done, first.Kind);
        var rated = Assert.IsType<IncidentRated>(lifecycle.Events[^1]);
        Assert.Equal((2, "slow", "web", web), (rated.Stars, rated.Comment, rated.Channel, rated.Actor));

        var second = Run(lifecycle, new Rate { Stars = 5, Channel = "web" }, web);
        Assert.Equal(CommandResultKind.Conflict, second.Kind);
        Assert.Contains("already rated", second.Message);
        Assert.Equal(new Rating(2, "slow", "web", "tracking-code", T0 + Duration.FromDays(1)), Assert.Single(lifecycle.Ratings));
        Assert.False(lifecycle.CanRate("tracking-code"));

        // Another reporter, on Zalo, rates once too; closing keeps the ratings and still lets a reporter who has not rated.
        Assert.Equal(CommandResultKind.Done, Run(lifecycle, new Rate { Stars = 4, Channel = "zalo" }, Actor.Citizen("zalo:42")).Kind);
        Run(lifecycle, new Close(), Staff);
        Assert.True(lifecycle.CanRate("zalo:43"));
        Assert.Equal([2, 4], lifecycle.ToView("x").Ratings.Select(r => r.Stars));
        Assert.Equal(2, IncidentLifecycle.Replay(lifecycle.Events).Ratings.Count);
    }

    [Theory]
    [InlineData(0, null, "stars")]
    [InlineData(6, null, "stars")]
    [InlineData(3, 1001, "comment")]
    public void A_rating_outside_one_to_five_stars_or_with_a_long_comment_is_refused(int stars, int? commentLength, string field)
    {
        var lifecycle = At(IncidentStatus.Resolved);
        var result = Run(lifecycle, new Rate { Stars = stars, Comment = commentLength is { } n ? new string('a', n) : null, Channel = "web" }, Actor.Citizen("tracking-code"));
        Assert.Equal((CommandResultKind.Invalid, field), (result.Kind, result.Field));
        Assert.Empty(lifecycle.Ratings);
    }

    [Fact]
    public void Staff_cannot_rate_and_not_responsible_must_name_the_body()
    {
        var lifecycle = At(IncidentStatus.Resolved);
        Assert.Equal(CommandResultKind.Forbidden, Run(lifecycle, new Rate { Stars = 5, Channel = "web" }, Supervisor).Kind);
        Assert.DoesNotContain(IncidentAction.Rate, lifecycle.ToView("x").AllowedActions);

        var working = At(IncidentStatus.InProgress);
        Assert.Equal("referredTo", Run(working, new Resolve { Outcome = ResolutionOutcome.NotResponsible }, Staff).Field);
        Run(working, new Resolve { Outcome = ResolutionOutcome.NotResponsible, ReferredTo = "EVN Bắc Giang" }, Staff);
        Assert.Equal("EVN Bắc Giang", working.Resolution!.ReferredTo);
    }
}
