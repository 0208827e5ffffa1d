using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Grains;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>What an incident still owes others, from its events and what it has handed on, without a cluster.</summary>
public sealed class IncidentDeliveriesTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 2, 0);
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup-1");

    private static IncidentLifecycle Incident(string channel, params IncidentCommand[] commands)
    {
        var lifecycle = new IncidentLifecycle();
        Assert.True(TrackingCode.TryParse("BG-AAAA-AAAA", out var code));
        var report = Reports.Garbage() with { Channel = channel, ReplyTo = channel == "zalo" ? "8421000000001" : null };
        foreach (var e in lifecycle.File(code, Priority.P3, report, RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen(channel), T0))
            lifecycle.Apply(e);
        foreach (var command in commands)
            foreach (var e in lifecycle.Decide(command, Supervisor, T0 + Duration.FromMinutes(lifecycle.LastSeq)).Events)
                lifecycle.Apply(e);
        return lifecycle;
    }

    [Fact]
    public void A_zalo_reporter_is_owed_each_change_after_the_filing_until_told()
    {
        var deliveries = new IncidentDeliveries();
        Assert.False(deliveries.AnyOwed(Incident("zalo")));
        Assert.False(deliveries.AnyOwed(Incident("zalo", new AddNote { Text = "đã gọi điện" })));

        var acknowledged = Incident("zalo", new Acknowledge());
        Assert.True(deliveries.CitizenUpdateOwed(acknowledged));
        Assert.Equal(["8421000000001"], IncidentDeliveries.ZaloReporters(acknowledged));
        deliveries.CitizenNotifiedSeq = acknowledged.LastSeq;
        Assert.False(deliveries.AnyOwed(acknowledged));
    }

    [Fact]
    public void An_app_reporter_is_owed_nothing_in_chat()
    {
        Assert.False(new IncidentDeliveries().AnyOwed(Incident("app", new Acknowledge(), new Start())));
    }

    [Fact]
    public void A_merged_incident_owes_its_reports_to_the_target_once()
    {
        var merged = Incident("app", new Merge { Into = "BG-BBBB-BBBB" });
        var deliveries = new IncidentDeliveries();
        Assert.True(deliveries.MergeOwed(merged));
        deliveries.MergeDelivered = true;
        Assert.False(deliveries.AnyOwed(merged));
    }
}
