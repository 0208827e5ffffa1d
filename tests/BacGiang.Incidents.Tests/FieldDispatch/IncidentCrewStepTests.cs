using System.Text.Json;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.FieldDispatch;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.FieldDispatch;

/// <summary>The incident's side of field dispatch (IncidentLifecycle.DecideCrew), without a cluster.</summary>
public class IncidentCrewStepTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);
    private static readonly Actor Officer = new(ActorRole.CommuneOfficer, "officer-1", Commune: Reports.DaiSon);
    private static readonly Actor Dispatcher = new(ActorRole.AgencyStaff, "a-urenco-head", Agency: "urenco");
    private static readonly Actor Member = new(ActorRole.AgencyStaff, "a-urenco-staff-1", Agency: "urenco");
    private static readonly Actor FirePolice = new(ActorRole.AgencyStaff, "a-fire-police-staff-1", Agency: "fire-police");

    private static CrewStep Step(CrewStepKind kind, string crew = "urenco-bg-1", string? reason = null) =>
        new(kind, "urenco", crew, $"Xe {crew}", reason);

    private static IncidentLifecycle Filed(RoutingDecision? route = null)
    {
        var lifecycle = new IncidentLifecycle();
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P3, Reports.Garbage(),
                     route ?? RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0))
            lifecycle.Apply(e);
        return lifecycle;
    }

    private static CommandResult Run(IncidentLifecycle lifecycle, CrewStep step, Actor actor)
    {
        var decision = lifecycle.DecideCrew(step, actor, T0 + Duration.FromMinutes(lifecycle.LastSeq));
        foreach (var e in decision.Events) lifecycle.Apply(e);
        return decision.Result;
    }

    private static CommandResult Run(IncidentLifecycle lifecycle, IncidentCommand command, Actor actor)
    {
        var decision = lifecycle.Decide(command, actor, T0 + Duration.FromMinutes(lifecycle.LastSeq));
        foreach (var e in decision.Events) lifecycle.Apply(e);
        return decision.Result;
    }

    [Fact]
    public void A_crew_goes_through_assigned_accepted_en_route_and_on_scene_and_its_setting_off_starts_the_work()
    {
        var incident = Filed();
        Assert.True(Run(incident, new Acknowledge(), Officer).Succeeded);
        Assert.True(Run(incident, Step(CrewStepKind.Assign), Dispatcher).Succeeded);
        Assert.Equal(new CrewOnIncident("urenco-bg-1", "Xe urenco-bg-1", "assigned"), incident.Crew);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.True(Run(incident, Step(CrewStepKind.Accept), Member).Succeeded);
        Assert.Equal("accepted", incident.Crew!.Stage);

        var enRoute = Run(incident, Step(CrewStepKind.EnRoute), Member);
        Assert.Equal(IncidentStatus.InProgress, incident.Status);
        Assert.Equal(incident.LastSeq, enRoute.Seq);
        Assert.Equal(["CrewEnRoute", "Started"], incident.Events.TakeLast(2).Select(EventTypes.NameOf));
        Assert.Equal(Member, incident.Events[^1].Actor);

        Assert.True(Run(incident, Step(CrewStepKind.Arrive), Member).Succeeded);
        Assert.Equal("on_scene", incident.Crew!.Stage);
        var arrivedAt = incident.Events[^1].At;
        Assert.Equal(arrivedAt, incident.FirstArrivedAt);
        Assert.IsType<CrewArrived>(incident.Events[^1]);

        Assert.True(Run(incident, new Resolve { Outcome = ResolutionOutcome.Fixed, Note = "Đã thu gom" }, Member).Succeeded);
        Assert.Null(incident.Crew);
        Assert.Equal(arrivedAt, incident.FirstArrivedAt);
        Assert.Null(incident.ToSummary(incident.TrackingCode).Crew);
    }

    [Fact]
    public void Setting_off_on_an_incident_the_commune_has_not_acknowledged_leaves_the_acknowledgement_to_the_commune()
    {
        var incident = Filed();
        Run(incident, Step(CrewStepKind.Assign), Dispatcher);
        Assert.True(Run(incident, Step(CrewStepKind.EnRoute), Member).Succeeded);
        Assert.Equal(IncidentStatus.Assigned, incident.Status);
        Assert.Null(incident.AcknowledgedAt);
        Assert.True(Run(incident, Step(CrewStepKind.Arrive), Member).Succeeded);
        Assert.True(Run(incident, new Acknowledge(), Officer).Succeeded);
        Assert.Equal(IncidentStatus.Acknowledged, incident.Status);
        Assert.Equal("on_scene", incident.Crew!.Stage);
    }

    [Fact]
    public void A_second_crew_is_refused_naming_the_crew_that_holds_the_incident()
    {
        var incident = Filed();
        Run(incident, Step(CrewStepKind.Assign), Dispatcher);
        var seq = incident.LastSeq;

        var second = Run(incident, Step(CrewStepKind.Assign, "urenco-qv-1"), Dispatcher);
        Assert.Equal(CommandResultKind.Conflict, second.Kind);
        Assert.Contains("urenco-bg-1", second.Message);
        Assert.Equal(seq, incident.LastSeq);

        var again = Run(incident, Step(CrewStepKind.Assign), Dispatcher);
        Assert.Equal(CommandResultKind.Conflict, again.Kind);
        Assert.Contains("already holds", again.Message);
    }

    [Fact]
    public void Steps_of_a_crew_that_does_not_hold_the_incident_are_refused()
    {
        var incident = Filed();
        var noCrew = Run(incident, Step(CrewStepKind.EnRoute), Member);
        Assert.Equal(CommandResultKind.Conflict, noCrew.Kind);
        Run(incident, Step(CrewStepKind.Assign), Dispatcher);
        var other = Run(incident, Step(CrewStepKind.Arrive, "urenco-qv-1"), Member);
        Assert.Equal(CommandResultKind.Conflict, other.Kind);
        Assert.Contains("crew urenco-bg-1 does", other.Message);
        Assert.Equal(3, incident.LastSeq);
    }

    [Theory]
    [InlineData(IncidentStatus.Received)]
    [InlineData(IncidentStatus.Resolved)]
    [InlineData(IncidentStatus.Closed)]
    [InlineData(IncidentStatus.Rejected)]
    public void No_crew_is_sent_to_an_incident_nobody_is_working(IncidentStatus status)
    {
        var supervisor = new Actor(ActorRole.Supervisor, "sup-1");
        var incident = status == IncidentStatus.Received
            ? Filed(RoutingDecision.Triage("no commune", null, "urenco"))
            : Filed();
        IncidentCommand[] path = status switch
        {
            IncidentStatus.Resolved => [new Acknowledge(), new Start(), new Resolve { Outcome = ResolutionOutcome.Fixed }],
            IncidentStatus.Closed => [new Acknowledge(), new Start(), new Resolve { Outcome = ResolutionOutcome.Fixed }, new Close()],
            IncidentStatus.Rejected => [new Reject { Reason = "not an incident" }],
            _ => [],
        };
        foreach (var c in path) Assert.True(Run(incident, c, supervisor).Succeeded);
        var seq = incident.LastSeq;

        var result = Run(incident, Step(CrewStepKind.Assign), Dispatcher);
        Assert.Equal(CommandResultKind.Conflict, result.Kind);
        Assert.Equal(status, result.CurrentStatus);
        Assert.Equal(seq, incident.LastSeq);
    }

    [Fact]
    public void Another_agencys_crew_or_staff_cannot_take_the_incident()
    {
        var incident = Filed();
        var foreignStaff = Run(incident, new CrewStep(CrewStepKind.Assign, "fire-police", "fire-bg-1", "Xe chữa cháy"), FirePolice);
        Assert.Equal(CommandResultKind.Forbidden, foreignStaff.Kind);
        var foreignCrew = Run(incident, new CrewStep(CrewStepKind.Assign, "fire-police", "fire-bg-1", "Xe chữa cháy"), new Actor(ActorRole.Supervisor, "sup-1"));
        Assert.Equal(CommandResultKind.Conflict, foreignCrew.Kind);
        Assert.Contains("urenco", foreignCrew.Message);
        Assert.Equal(2, incident.LastSeq);
    }

    [Fact]
    public void A_release_needs_a_reason_and_puts_the_incident_back_in_the_agencys_queue_for_another_crew()
    {
        var incident = Filed();
        Run(incident, Step(CrewStepKind.Assign), Dispatcher);
        var blank = Run(incident, Step(CrewStepKind.Release, reason: "  "), Member);
        Assert.Equal(CommandResultKind.Invalid, blank.Kind);
        Assert.Equal("reason", blank.Field);

        Assert.True(Run(incident, Step(CrewStepKind.Release, reason: "Xe hỏng"), Member).Succeeded);
        Assert.Null(incident.Crew);
        Assert.Equal("Xe hỏng", Assert.IsType<CrewReleased>(incident.Events[^1]).Reason);
        Assert.Equal(IncidentStatus.Assigned, incident.Status);
        Assert.Equal("urenco", incident.Agency);
        Assert.True(Run(incident, Step(CrewStepKind.Assign, "urenco-qv-1"), Dispatcher).Succeeded);
    }

    [Fact]
    public void Sending_the_incident_to_another_agency_lets_its_crew_go()
    {
        var incident = Filed();
        Run(incident, Step(CrewStepKind.Assign), Dispatcher);
        Assert.True(Run(incident, new Dispatch { Agency = "construction", Reason = "wrong agency" }, Officer).Succeeded);
        Assert.Null(incident.Crew);
        Assert.Null(incident.ToSummary(incident.TrackingCode).Crew);

        // A dispatch that keeps the agency (another commune) keeps the crew.
        var kept = Filed();
        Run(kept, Step(CrewStepKind.Assign), Dispatcher);
        Run(kept, new Dispatch { Commune = Reports.SonDong, Reason = "the other side of the road" }, Officer);
        Assert.Equal("urenco-bg-1", kept.Crew!.Crew);
    }

    [Fact]
    public void Crew_events_keep_their_type_names_and_rebuild_the_same_incident_from_json()
    {
        var incident = Filed();
        Run(incident, new Acknowledge(), Officer);
        Run(incident, Step(CrewStepKind.Assign), Dispatcher);
        Run(incident, Step(CrewStepKind.Accept), Member);
        Run(incident, Step(CrewStepKind.EnRoute), Member);
        Run(incident, Step(CrewStepKind.Arrive), Member);
        Run(incident, Step(CrewStepKind.Release, reason: "cần xe lớn hơn"), Member);

        var json = JsonSerializer.Serialize<IReadOnlyList<IncidentEvent>>(incident.Events, IncidentJson.Options);
        foreach (var type in new[] { "CrewAssigned", "CrewAccepted", "CrewEnRoute", "CrewArrived", "CrewReleased" })
            Assert.Contains($"\"type\":\"{type}\"", json);
        var replayed = IncidentLifecycle.Replay(JsonSerializer.Deserialize<List<IncidentEvent>>(json, IncidentJson.Options)!);
        Assert.Equal(incident.FirstArrivedAt, replayed.FirstArrivedAt);
        Assert.Equal(incident.Status, replayed.Status);
        Assert.Null(replayed.Crew);
    }
}
