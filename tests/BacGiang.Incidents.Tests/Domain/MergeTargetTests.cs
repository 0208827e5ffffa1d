using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>What a merge's target must be; the one-at-a-time part is EndToEnd/DuplicateTests' concurrency test.</summary>
public class MergeTargetTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup-1");

    private static IncidentView Target(params IncidentCommand[] commands)
    {
        var lifecycle = new IncidentLifecycle();
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P3, Reports.Garbage(),
                     RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0))
            lifecycle.Apply(e);
        foreach (var command in commands)
            foreach (var e in lifecycle.Decide(command, Supervisor, T0).Events) lifecycle.Apply(e);
        return lifecycle.ToView(lifecycle.TrackingCode);
    }

    [Fact]
    public void An_open_incident_takes_a_merge() =>
        Assert.Null(MergeTarget.Refusal("BG-AAAA-AAAA", Target(new Acknowledge(), new Start())));

    [Fact]
    public void A_missing_resolved_or_merged_incident_does_not()
    {
        Assert.Equal(("into", CommandResultKind.Invalid), Field(MergeTarget.Refusal("BG-AAAA-AAAA", null)));
        Assert.Equal(("into", CommandResultKind.Invalid), Field(MergeTarget.Refusal("BG-AAAA-AAAA",
            Target(new Acknowledge(), new Start(), new Resolve { Outcome = ResolutionOutcome.Fixed }))));
        // Merged: passing reports on to an incident that has itself gone into another would leave them with nobody.
        var merged = MergeTarget.Refusal("BG-AAAA-AAAA", Target(new Merge { Into = "BG-2222-2222" }));
        Assert.Equal(("into", CommandResultKind.Invalid), Field(merged));
        Assert.Contains("Merged", merged!.Message);
    }

    private static (string?, CommandResultKind) Field(CommandResult? result) => (result?.Field, result!.Kind);
}
