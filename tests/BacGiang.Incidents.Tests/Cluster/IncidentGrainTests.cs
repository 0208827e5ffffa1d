using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Cluster;

[Collection(ClusterCollection.Name)]
public class IncidentGrainTests(ClusterFixture fixture)
{
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup");

    private async Task<(IIncidentGrain Grain, IncidentView View)> File(ReportDetails report)
    {
        var code = TrackingCode.NewRandom().Value;
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(code);
        var result = await grain.File(report, Actor.Citizen("app"));
        Assert.Equal(FileOutcome.Created, result.Outcome);
        return (grain, result.Incident!);
    }

    private Task<IncidentList> Inbox(string commune) => fixture.Queries.Inbox(commune, default);
    private Task<IncidentList> Queue(string agency) => fixture.Queries.Queue(agency, default);
    private Task<IncidentList> Triage() => fixture.Queries.Triage(default);

    [Fact]
    public async Task A_filed_report_lands_in_its_communes_inbox_and_its_agencys_queue()
    {
        var (_, view) = await File(Reports.Garbage(Reports.SonDong));

        Assert.Equal(IncidentStatus.Assigned, view.Status);
        Assert.Equal(Priority.P3, view.Priority);
        var entry = Assert.Single((await Inbox(Reports.SonDong)).Incidents, i => i.IncidentId == view.Id);
        Assert.Equal(2, entry.Seq);
        Assert.Contains((await Queue("urenco")).Incidents, i => i.IncidentId == view.Id);
        Assert.DoesNotContain((await Triage()).Incidents, i => i.IncidentId == view.Id);
    }

    [Fact]
    public async Task An_unroutable_report_waits_in_triage_until_dispatched()
    {
        var (grain, view) = await File(Reports.Garbage(null));
        Assert.Equal(IncidentStatus.Received, view.Status);
        Assert.Contains((await Triage()).Incidents, i => i.IncidentId == view.Id && i.TriageReason != null);

        var result = await grain.Execute(new Dispatch { Commune = Reports.DaiSon, Reason = "caller named the commune" }, Supervisor);

        Assert.Equal(CommandResultKind.Done, result.Kind);
        Assert.DoesNotContain((await Triage()).Incidents, i => i.IncidentId == view.Id);
        Assert.Contains((await Inbox(Reports.DaiSon)).Incidents, i => i.IncidentId == view.Id && i.Status == IncidentStatus.Assigned);
    }

    [Fact]
    public async Task Dispatch_to_another_agency_moves_it_between_queues_and_closing_empties_both_lists()
    {
        var (grain, view) = await File(Reports.Garbage());
        await grain.Execute(new Dispatch { Agency = "construction", Reason = "it is a road", CommandId = "d1" }, Supervisor);
        Assert.DoesNotContain((await Queue("urenco")).Incidents, i => i.IncidentId == view.Id);
        Assert.Contains((await Queue("construction")).Incidents, i => i.IncidentId == view.Id);

        foreach (IncidentCommand c in new IncidentCommand[] { new Acknowledge(), new Start(), new Resolve { Outcome = ResolutionOutcome.Fixed }, new Close() })
            Assert.True((await grain.Execute(c, Supervisor)).Succeeded);

        Assert.DoesNotContain((await Queue("construction")).Incidents, i => i.IncidentId == view.Id);
        Assert.DoesNotContain((await Inbox(Reports.DaiSon)).Incidents, i => i.IncidentId == view.Id);
        var timeline = await grain.GetTimeline();
        Assert.Equal(Enumerable.Range(1, 7).Select(i => (long)i), timeline.Select(e => e.Seq));
        Assert.IsType<IncidentClosed>(timeline[^1]);
    }

    [Fact]
    public async Task A_communes_live_counters_follow_its_incidents_as_they_change()
    {
        // A commune no other test reports in, its counters loaded from the read model before the incident exists.
        const string commune = "07621";
        var unit = fixture.Grains.GetGrain<ICommuneGrain>(commune);
        var before = (await unit.GetCounters()).Open;

        var (grain, _) = await File(Reports.Garbage(commune));
        await Eventually.True(async () => (await unit.GetCounters()).Open == before + 1, "the new incident counted open in its commune");

        Assert.True((await grain.Execute(new Reject { Reason = "not a public matter" }, Supervisor)).Succeeded);
        await Eventually.True(async () => (await unit.GetCounters()).Open == before, "the rejected incident no longer counted");
    }

    [Fact]
    public async Task A_deactivated_incident_comes_back_with_its_whole_history()
    {
        var (grain, view) = await File(Reports.Garbage());
        await grain.Execute(new Acknowledge { CommandId = "ack-1" }, Supervisor);
        await fixture.Cluster.DeactivateAsync(grain);

        var again = await grain.Get();
        Assert.Equal(IncidentStatus.Acknowledged, again!.Status);
        Assert.Equal(3, again.LastSeq);
        Assert.Equal(CommandResultKind.Replayed, (await grain.Execute(new Acknowledge { CommandId = "ack-1" }, Supervisor)).Kind);
    }

    [Fact]
    public async Task Filing_as_new_under_a_code_the_log_already_holds_answers_from_the_log_and_changes_nothing()
    {
        var code = TrackingCode.NewRandom().Value;
        var grain = fixture.Grains.GetGrain<IIncidentGrain>(code);
        var report = Reports.Garbage() with { IdempotencyKey = "key-" + code, RequestFingerprint = "body-1" };
        Assert.Equal(FileOutcome.Created, (await grain.FileNew(report, Actor.Citizen("app"))).Outcome);
        await grain.Execute(new Acknowledge { CommandId = "ack-1" }, Supervisor);

        // Fresh activations that append without reading first: the log refuses the second first event.
        await fixture.Cluster.DeactivateAsync(grain);
        var retry = await grain.FileNew(report, Actor.Citizen("app"));
        Assert.Equal(FileOutcome.AlreadyFiled, retry.Outcome);
        Assert.Equal((IncidentStatus.Acknowledged, 3L), (retry.Incident!.Status, retry.Incident.LastSeq));
        await fixture.Cluster.DeactivateAsync(grain);
        var other = await grain.FileNew(Reports.Garbage() with { IdempotencyKey = "another", RequestFingerprint = "body-2" }, Actor.Citizen("app"));
        Assert.Equal(FileOutcome.CodeTaken, other.Outcome);

        await fixture.Cluster.DeactivateAsync(grain);
        Assert.Equal([1L, 2L, 3L], (await grain.GetTimeline()).Select(e => e.Seq));
        Assert.Equal(3, Assert.Single((await Inbox(Reports.DaiSon)).Incidents, i => i.IncidentId == code).Seq);
    }

    [Fact]
    public async Task Times_come_from_the_injected_clock()
    {
        var (grain, view) = await File(Reports.Garbage());
        Assert.Equal(ClusterFixture.Clock.GetCurrentInstant(), view.ReportedAt);
        ClusterFixture.Clock.Advance(Duration.FromMinutes(7));
        await grain.Execute(new Acknowledge(), Supervisor);
        Assert.Equal(view.ReportedAt + Duration.FromMinutes(7), (await grain.Get())!.AcknowledgedAt);
    }

    [Fact]
    public async Task Refiling_tells_a_retry_from_a_reused_key_from_a_taken_code()
    {
        var report = Reports.Garbage() with { IdempotencyKey = "k-1", RequestFingerprint = "f-1" };
        var (grain, view) = await File(report);

        var retry = await grain.File(report, Actor.Citizen("app"));
        Assert.Equal(FileOutcome.AlreadyFiled, retry.Outcome);
        Assert.Equal(view.Id, retry.Incident!.Id);
        Assert.Equal(FileOutcome.KeyReused, (await grain.File(report with { RequestFingerprint = "f-2" }, Actor.Citizen("app"))).Outcome);
        Assert.Equal(FileOutcome.CodeTaken, (await grain.File(Reports.Garbage(), Actor.Citizen("app"))).Outcome);
        Assert.Equal(2, (await grain.GetTimeline()).Count);
    }

}
