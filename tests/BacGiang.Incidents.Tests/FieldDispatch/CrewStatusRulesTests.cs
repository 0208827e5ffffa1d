using BacGiang.Incidents.FieldDispatch;
using static BacGiang.Incidents.FieldDispatch.CrewStatus;

namespace BacGiang.Incidents.Tests.FieldDispatch;

public sealed class CrewStatusRulesTests
{
    private const CrewActor D = CrewActor.Dispatcher, C = CrewActor.Crew, S = CrewActor.AgencyStaff;

    // The whole table written out again, independently of the rules' own list: anything not here is refused.
    private static readonly Dictionary<(CrewStatus, CrewStatus), CrewActor[]> Lawful = new()
    {
        [(Available, Assigned)] = [D],
        [(Assigned, EnRoute)] = [C],
        [(Assigned, Available)] = [D, C],
        [(EnRoute, OnScene)] = [C],
        [(EnRoute, Available)] = [D, C],
        [(OnScene, Available)] = [C],
        [(Available, OutOfService)] = [C, S],
        [(Assigned, OutOfService)] = [C, S],
        [(EnRoute, OutOfService)] = [C, S],
        [(OnScene, OutOfService)] = [C, S],
        [(OutOfService, Available)] = [C, S],
    };

    public static TheoryData<CrewStatus, CrewStatus, CrewActor> EveryPair()
    {
        var data = new TheoryData<CrewStatus, CrewStatus, CrewActor>();
        foreach (var from in Enum.GetValues<CrewStatus>())
            foreach (var to in Enum.GetValues<CrewStatus>())
                foreach (var actor in Enum.GetValues<CrewActor>())
                    data.Add(from, to, actor);
        return data;
    }

    [Theory, MemberData(nameof(EveryPair))]
    public void Every_pair_and_actor_is_allowed_or_refused_with_a_reason(CrewStatus from, CrewStatus to, CrewActor actor)
    {
        var decision = CrewStatusRules.Decide(from, to, actor, "a reason");

        var lawful = Lawful.TryGetValue((from, to), out var by) && by.Contains(actor);
        Assert.Equal(lawful, decision.Allowed);
        Assert.Equal(from, decision.Current);
        Assert.Equal(Lawful.Where(p => p.Key.Item1 == from && p.Value.Contains(actor)).Select(p => p.Key.Item2).Order(), decision.AllowedNext);
        if (lawful) Assert.Null(decision.Refusal);
        else Assert.False(string.IsNullOrWhiteSpace(decision.Refusal));
    }

    [Fact]
    public void The_table_has_eleven_moves_and_the_shortcuts_are_refused_by_name()
    {
        var moves = Enum.GetValues<CrewStatus>().SelectMany(f => Enum.GetValues<CrewStatus>().Select(t => (f, t)))
            .Count(p => Enum.GetValues<CrewActor>().Any(a => CrewStatusRules.Decide(p.f, p.t, a, "r").Allowed));
        Assert.Equal(11, moves);

        var skip = CrewStatusRules.Decide(Assigned, OnScene, C);
        Assert.Equal("assigned → on_scene is not a lawful move; from assigned a crew goes to en_route, available, out_of_service", skip.Refusal);
        Assert.Equal([Available, EnRoute, OutOfService], skip.AllowedNext);

        Assert.Contains("not a lawful move", CrewStatusRules.Decide(Available, OnScene, C).Refusal);
        Assert.Contains("not a lawful move", CrewStatusRules.Decide(OutOfService, Assigned, D).Refusal);
        Assert.Equal("the crew is already en_route", CrewStatusRules.Decide(EnRoute, EnRoute, C).Refusal);
    }

    [Fact]
    public void Only_the_dispatcher_gives_a_job_and_only_the_crew_says_it_set_off_or_arrived()
    {
        var self = CrewStatusRules.Decide(Available, Assigned, C);
        Assert.False(self.Allowed);
        Assert.Equal("available → assigned (given a job) is for the dispatcher, not the crew", self.Refusal);
        Assert.Equal([OutOfService], self.AllowedNext);

        Assert.False(CrewStatusRules.Decide(Assigned, EnRoute, D).Allowed);
        Assert.False(CrewStatusRules.Decide(EnRoute, OnScene, S).Allowed);
        Assert.True(CrewStatusRules.Decide(EnRoute, OnScene, C).Allowed);
    }

    [Theory]
    [InlineData(Assigned, Available, CrewActor.Crew)]
    [InlineData(Assigned, Available, CrewActor.Dispatcher)]
    [InlineData(EnRoute, Available, CrewActor.Dispatcher)]
    [InlineData(Available, OutOfService, CrewActor.AgencyStaff)]
    [InlineData(OnScene, OutOfService, CrewActor.Crew)]
    public void Declining_recalling_and_going_out_of_service_need_a_reason(CrewStatus from, CrewStatus to, CrewActor actor)
    {
        Assert.True(CrewStatusRules.NeedsReason(from, to));
        foreach (var blank in new[] { null, "", "   " })
        {
            var d = CrewStatusRules.Decide(from, to, actor, blank);
            Assert.False(d.Allowed);
            Assert.EndsWith("needs a reason", d.Refusal);
        }
        Assert.True(CrewStatusRules.Decide(from, to, actor, "xe hỏng").Allowed);
    }

    [Fact]
    public void Plain_progress_needs_no_reason_but_a_reason_is_bounded()
    {
        Assert.False(CrewStatusRules.NeedsReason(OnScene, Available));
        Assert.True(CrewStatusRules.Decide(OnScene, Available, C).Allowed);
        Assert.True(CrewStatusRules.Decide(OutOfService, Available, S).Allowed);
        Assert.True(CrewStatusRules.Decide(Assigned, Available, C, new string('x', CrewStatusRules.MaxReasonLength)).Allowed);
        Assert.Equal("a reason is at most 500 characters",
            CrewStatusRules.Decide(Assigned, Available, C, new string('x', CrewStatusRules.MaxReasonLength + 1)).Refusal);
    }

    [Fact]
    public void Wire_names_round_trip()
    {
        Assert.Equal(["available", "assigned", "en_route", "on_scene", "out_of_service"], Enum.GetValues<CrewStatus>().Select(CrewStatusText.Of));
        foreach (var s in Enum.GetValues<CrewStatus>())
        {
            Assert.True(CrewStatusText.TryParse(CrewStatusText.Of(s), out var back));
            Assert.Equal(s, back);
        }
        Assert.False(CrewStatusText.TryParse("EnRoute", out _));
        Assert.False(CrewStatusText.TryParse(null, out _));
    }
}
