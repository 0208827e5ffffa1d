using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Sla;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Cluster;

/// <summary>The incident grain's ladders, driven by the fake clock; records checked in PostgreSQL.</summary>
[Collection(ClusterCollection.Name)]
public class EscalationTests(ClusterFixture fixture)
{
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup");

    // fire/P1 (data/sla-policies.csv): acknowledge within 5 min, resolve within 2 h, 24x7.
    private async Task<(IIncidentGrain Grain, string Id, Instant Filed)> FileFire()
    {
        var id = TrackingCode.NewRandom().Value;
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(id);
        var filed = ClusterFixture.Clock.GetCurrentInstant();
        Assert.Equal(FileOutcome.Created, (await grain.File(Reports.Garbage() with { Category = "fire" }, Actor.Citizen("app"))).Outcome);
        return (grain, id, filed);
    }

    private static void AdvanceTo(Instant instant)
    {
        var now = ClusterFixture.Clock.GetCurrentInstant();
        if (instant > now) ClusterFixture.Clock.Advance(instant - now);
    }

    private static async Task<List<EscalationRaised>> Raised(IIncidentGrain grain) =>
        (await grain.GetTimeline()).OfType<EscalationRaised>().ToList();

    [Fact]
    public async Task The_ack_ladder_fires_level_by_level_as_time_passes_each_deadline()
    {
        var (grain, id, t) = await FileFire();

        AdvanceTo(t + Duration.FromMinutes(4));
        await grain.CheckSla();
        Assert.Empty(await Raised(grain));

        AdvanceTo(t + Duration.FromMinutes(5));
        await grain.CheckSla();
        Assert.Equal([(1, 0)], (await Raised(grain)).Select(r => (r.Level, r.Repeat)));
        Assert.Equal(1, (await grain.Get())!.EscalationLevel);

        AdvanceTo(t + Duration.FromMinutes(20));
        await grain.CheckSla();
        Assert.Equal([(1, 0), (1, 1), (1, 2), (2, 0)], (await Raised(grain)).Select(r => (r.Level, r.Repeat)));

        var inbox = await fixture.Queries.Inbox(Reports.DaiSon, default);
        var entry = Assert.Single(inbox.Incidents, i => i.IncidentId == id);
        Assert.Equal(2, entry.EscalationLevel);
        Assert.Equal(t + Duration.FromMinutes(5), entry.AckDeadline);
        Assert.Equal(t + Duration.FromHours(2), entry.ResolveDeadline);

        var rows = await EscalationRows.For(fixture.ConnectionString, id);
        Assert.Equal([(1, 0), (1, 1), (1, 2), (2, 0)], rows.Select(r => (r.Level, r.Repeat)));
        Assert.All(rows, r => Assert.Equal("ack", r.Kind));
        // L1.1 (due +10 min) and L1.2 (due +15 min) were only checked at +20 min: their lateness says so.
        Assert.Equal([0L, 10 * 60_000, 5 * 60_000, 0], rows.Select(r => r.LatenessMs));
    }

    [Fact]
    public async Task Acknowledging_stops_the_ack_ladder_and_answers_its_records()
    {
        var (grain, id, t) = await FileFire();
        AdvanceTo(t + Duration.FromMinutes(6));
        await grain.CheckSla();
        AdvanceTo(t + Duration.FromMinutes(8));
        Assert.True((await grain.Execute(new Acknowledge(), Supervisor)).Succeeded);

        AdvanceTo(t + Duration.FromMinutes(119));
        await grain.CheckSla();
        Assert.Equal([EscalationKind.Ack], (await Raised(grain)).Select(r => r.Kind));

        AdvanceTo(t + Duration.FromMinutes(121));
        await grain.CheckSla();
        Assert.Equal([EscalationKind.Ack, EscalationKind.Resolve], (await Raised(grain)).Select(r => r.Kind));

        var ack = Assert.Single(await EscalationRows.For(fixture.ConnectionString, id), r => r.Kind == "ack");
        Assert.Equal(2 * 60_000L, ack.AckAfterMs); // fired at +6 min, acknowledged at +8 min
        Assert.NotNull(ack.AcknowledgedAt);
    }

    [Fact]
    public async Task After_an_outage_overdue_steps_fire_on_waking_in_order_with_their_true_lateness()
    {
        var (grain, id, t) = await FileFire();
        await fixture.Cluster.DeactivateAsync(grain);

        AdvanceTo(t + Duration.FromMinutes(40));
        await grain.Get(); // waking up is enough: no timer or reminder had a chance to run

        var raised = await Raised(grain);
        Assert.Equal([(1, 0), (1, 1), (1, 2), (2, 0), (3, 0)], raised.Select(r => (r.Level, r.Repeat)));
        Assert.Equal([35.0, 30.0, 25.0, 20.0, 5.0], raised.Select(r => r.Lateness.TotalMinutes));
        var rows = await EscalationRows.For(fixture.ConnectionString, id);
        Assert.Equal([35 * 60_000L, 30 * 60_000L, 25 * 60_000L, 20 * 60_000L, 5 * 60_000L], rows.Select(r => r.LatenessMs));
    }

    [Fact]
    public async Task Each_step_is_recorded_once_however_often_it_is_checked_or_resent()
    {
        var (grain, id, t) = await FileFire();
        AdvanceTo(t + Duration.FromMinutes(16));
        await Task.WhenAll(grain.CheckSla(), grain.CheckSla(), grain.CheckSla());
        // A fresh activation re-sends everything after the last saved RecordedSeq, which lags by design.
        await fixture.Cluster.DeactivateAsync(grain);
        await grain.CheckSla();
        await grain.CheckSla();

        Assert.Equal(3, (await Raised(grain)).Count);
        Assert.Equal(3, (await EscalationRows.For(fixture.ConnectionString, id)).Count);
    }

    [Fact]
    public async Task The_sla_view_shows_deadlines_business_time_left_fired_and_pending_steps()
    {
        var (grain, _, t) = await FileFire();
        AdvanceTo(t + Duration.FromMinutes(12));
        await grain.CheckSla();

        var sla = (await grain.GetSla())!;
        var ack = Assert.Single(sla.Clocks, c => c.Kind == EscalationKind.Ack);
        Assert.Equal(t + Duration.FromMinutes(5), ack.Deadline);
        Assert.Equal(-Duration.FromMinutes(7), ack.BusinessTimeRemaining);
        Assert.Equal(Duration.FromMinutes(108), Assert.Single(sla.Clocks, c => c.Kind == EscalationKind.Resolve).BusinessTimeRemaining);
        Assert.Equal(2, sla.Fired.Count);
        Assert.Equal((EscalationKind.Ack, 1, 2), (sla.Pending[0].Step.Kind, sla.Pending[0].Step.Level, sla.Pending[0].Step.Repeat));
        Assert.Equal("24x7", sla.Policy.Calendar);
    }

    [Fact]
    public async Task A_fired_step_is_queued_for_the_named_people_on_duty_on_each_of_their_channels()
    {
        var (grain, id, t) = await FileFire();
        AdvanceTo(t + Duration.FromMinutes(5));
        await grain.CheckSla();

        // 2026-11-23 09:00 in Vietnam, a Monday: office hours. Level 1 of urgent-ack names the commune's officer and
        // the agency's staff on duty: in the sample roster the commune's office-hours officer, and the fire police's
        // office-hours staff member and its round-the-clock desk.
        var rows = await NotificationRows.For(fixture.ConnectionString, id, expected: 9);
        Assert.Equal(["a-fire-police-staff-1", "a-fire-police-staff-2", "c07627-officer-1"], rows.Select(r => r.StaffId).Distinct().Order());
        Assert.All(rows.GroupBy(r => r.StaffId), person => Assert.Equal(["console", "sms", "zalo"], person.Select(r => r.Channel).Order()));
        Assert.All(rows, r => Assert.Equal($"{id}:ack:0:1:0", r.EscalationId));
        Assert.Equal(["on duty round the clock", "on office-hours duty"], rows.Select(r => r.Reason).Distinct().Order());
        Assert.Equal(["agency-staff", "commune-officer"], rows.Select(r => r.Target).Distinct().Order());
    }

    [Fact]
    public async Task Acknowledging_a_level_stops_its_repeats_but_not_the_next_level()
    {
        var (grain, _, t) = await FileFire();
        AdvanceTo(t + Duration.FromMinutes(5));
        await grain.CheckSla();
        var officer = new Actor(ActorRole.CommuneOfficer, "c07627-officer-1", Commune: Reports.DaiSon);
        Assert.Equal(EscalationAckOutcome.Acknowledged, (await grain.AcknowledgeEscalation(EscalationKind.Ack, 0, 1, officer, "console")).Outcome);
        var second = await grain.AcknowledgeEscalation(EscalationKind.Ack, 0, 1, Supervisor, "console");
        Assert.Equal((EscalationAckOutcome.AlreadyAcknowledged, "c07627-officer-1"), (second.Outcome, second.By));
        Assert.Equal(EscalationAckOutcome.NotFired, (await grain.AcknowledgeEscalation(EscalationKind.Ack, 0, 2, officer, "console")).Outcome);

        // urgent-ack level 1 would repeat at +5 and +10 min; level 2 is due at +15 min.
        AdvanceTo(t + Duration.FromMinutes(21));
        await grain.CheckSla();
        var raised = await Raised(grain);
        Assert.Equal([(1, 0), (2, 0)], raised.Select(r => (r.Level, r.Repeat)));
        Assert.Single((await grain.GetTimeline()).OfType<EscalationAcknowledged>());
    }

    [Fact]
    public async Task Waiting_for_the_citizen_pauses_the_resolve_clock_in_the_sla_view_and_the_inbox()
    {
        var id = TrackingCode.NewRandom().Value;
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(id);
        await grain.File(Reports.Garbage(), Actor.Citizen("app")); // garbage_dumping/P3 pauses while waiting
        foreach (IncidentCommand c in new IncidentCommand[] { new Acknowledge(), new Start(), new Wait { Reason = "số nhà?" } })
            Assert.True((await grain.Execute(c, Supervisor)).Succeeded);

        var sla = (await grain.GetSla())!;
        Assert.True(Assert.Single(sla.Clocks, c => c.Kind == EscalationKind.Resolve).Paused);
        Assert.Null(Assert.Single(sla.PausedSpans).To);
        Assert.DoesNotContain(sla.Pending, p => p.Step.Kind == EscalationKind.Resolve);
        var entry = Assert.Single((await fixture.Queries.Inbox(Reports.DaiSon, default)).Incidents, i => i.IncidentId == id);
        Assert.Equal((IncidentStatus.Waiting, (Instant?)null), (entry.Status, entry.ResolveDeadline));

        ClusterFixture.Clock.Advance(Duration.FromHours(1));
        Assert.True((await grain.Execute(new Resume(), Supervisor)).Succeeded);
        sla = (await grain.GetSla())!;
        Assert.False(Assert.Single(sla.Clocks, c => c.Kind == EscalationKind.Resolve).Paused);
        Assert.NotNull(Assert.Single(sla.PausedSpans).To);
    }
}
