using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Sla;
using NodaTime;
using static BacGiang.Incidents.Tests.People.Rosters;
using static BacGiang.Incidents.Tests.Sla.Calendars;

namespace BacGiang.Incidents.Tests.People;

public class TargetResolverTests
{
    private static readonly TargetResolver Resolver = new(Rota);

    private static IncidentUnits Units(UnitRoster? commune = null, string? department = "construction", UnitRoster? province = null) =>
        new(commune ?? Commune(), Agency(), province ?? Province(), department);

    private static TargetResolution Resolve(string target, Priority priority, Instant at, IncidentUnits? units = null) =>
        Resolver.Resolve(target, priority, at, units ?? Units());

    [Fact]
    public void A_P1_at_night_reaches_the_off_hours_officer_at_once()
    {
        var at = Local(2026, 11, 23, 22);
        var resolution = Resolve(EscalationTargets.CommuneOfficer, Priority.P1, at);
        var recipient = Assert.Single(resolution.Recipients);
        Assert.Equal(EarlyWeekOfficer, recipient.Person);
        Assert.Equal(UnitRef.Commune("07627"), recipient.Unit);
        Assert.Equal(EscalationTargets.CommuneOfficer, recipient.Target);
        Assert.Equal("on off-hours duty (Monday)", recipient.Reason);
        Assert.Equal(at, recipient.NotBefore);
        Assert.Empty(resolution.Gaps);
    }

    [Fact]
    public void A_P3_on_Friday_evening_waits_for_Monday_morning_and_the_office_officer()
    {
        var recipient = Assert.Single(Resolve(EscalationTargets.CommuneOfficer, Priority.P3, Local(2026, 11, 27, 18)).Recipients);
        Assert.Equal(OfficeOfficer, recipient.Person);
        Assert.Equal(Local(2026, 11, 30, 7, 30), recipient.NotBefore);
    }

    [Fact]
    public void A_P4_the_evening_before_a_holiday_waits_until_after_it()
    {
        var recipient = Assert.Single(Resolve(EscalationTargets.CommuneOfficer, Priority.P4, Local(2026, 8, 31, 18)).Recipients);
        Assert.Equal(OfficeOfficer, recipient.Person);
        Assert.Equal(Local(2026, 9, 3, 7, 30), recipient.NotBefore);
    }

    [Fact]
    public void A_P3_in_office_time_goes_at_once()
    {
        var at = Local(2026, 11, 23, 12);
        Assert.Equal(at, Assert.Single(Resolve(EscalationTargets.CommuneOfficer, Priority.P3, at).Recipients).NotBefore);
    }

    [Fact]
    public void With_no_officer_on_duty_the_chairman_is_told_and_the_gap_recorded()
    {
        var noTuesdayNights = CommuneOf([Chairman, ViceChairman, OfficeOfficer, EarlyWeekOfficer]);
        var resolution = Resolve(EscalationTargets.CommuneOfficer, Priority.P1, Local(2026, 11, 24, 22), Units(noTuesdayNights));

        var gap = Assert.Single(resolution.Gaps);
        Assert.Equal(EscalationTargets.CommuneOfficer, gap.Target);
        Assert.Equal(UnitRef.Commune("07627"), gap.Unit);
        Assert.Equal("no officer on duty then", gap.Reason);
        Assert.Equal(EscalationTargets.CommuneChairman, gap.FellBackTo);

        var recipient = Assert.Single(resolution.Recipients);
        Assert.Equal(Chairman, recipient.Person);
        Assert.Equal(EscalationTargets.CommuneChairman, recipient.Target);
        Assert.Equal("fallback for commune-officer: holds the role", recipient.Reason);
    }

    [Fact]
    public void An_incident_without_a_commune_reaches_the_provincial_supervisor_on_duty()
    {
        var resolution = Resolve(EscalationTargets.CommuneOfficer, Priority.P2, Local(2026, 11, 23, 9), Units() with { Commune = null });

        Assert.Equal(
            [(EscalationTargets.CommuneOfficer, "the incident has no commune", EscalationTargets.CommuneChairman),
             (EscalationTargets.CommuneChairman, "the incident has no commune", EscalationTargets.ProvincialSupervisor)],
            resolution.Gaps.Select(g => (g.Target, g.Reason, g.FellBackTo)));
        Assert.All(resolution.Gaps, g => Assert.Null(g.Unit));
        var recipient = Assert.Single(resolution.Recipients);
        Assert.Equal(OfficeSupervisor, recipient.Person);
        Assert.Equal(UnitRef.Province, recipient.Unit);
        Assert.Equal(EscalationTargets.ProvincialSupervisor, recipient.Target);
        Assert.Equal("fallback for commune-officer: on office-hours duty", recipient.Reason);
    }

    [Theory]
    [InlineData("construction", "p-director-construction")]
    [InlineData("police", "p-director-police")]
    public void The_department_director_is_the_director_of_the_incidents_department(string department, string director)
    {
        var resolution = Resolve(EscalationTargets.DepartmentDirector, Priority.P1, Local(2026, 11, 28, 3), Units(department: department));
        Assert.Equal(director, Assert.Single(resolution.Recipients).Person.StaffId);
        Assert.Empty(resolution.Gaps);
    }

    [Fact]
    public void A_director_on_leave_is_replaced_by_their_substitute_whatever_the_substitutes_own_post()
    {
        var province = Province(Leave("leave-1", ConstructionDirector, new(2026, 11, 23), new(2026, 11, 27), substitute: PoliceDirector));
        var recipient = Assert.Single(Resolve(EscalationTargets.DepartmentDirector, Priority.P1, Local(2026, 11, 25, 9), Units(province: province)).Recipients);
        Assert.Equal(PoliceDirector, recipient.Person);
        Assert.Equal("stands in for Ngô Thị Xây (2026-11-23–2026-11-27)", recipient.Reason);
    }

    [Fact]
    public void At_the_end_of_the_chain_every_supervisor_is_told_regardless_of_duty()
    {
        var resolution = Resolve(EscalationTargets.DepartmentDirector, Priority.P1, Local(2026, 11, 28, 3), Units(department: "military"));

        var gap = Assert.Single(resolution.Gaps);
        Assert.Equal((EscalationTargets.DepartmentDirector, "nobody directs the department military", EscalationTargets.ProvincialSupervisor),
            (gap.Target, gap.Reason, gap.FellBackTo));
        Assert.Equal([OfficeSupervisor, EarlyWeekSupervisor, LateWeekSupervisor], resolution.Recipients.Select(r => r.Person));
        Assert.All(resolution.Recipients, r =>
            Assert.StartsWith("fallback for department-director: end of the chain, every supervisor regardless of duty", r.Reason));
    }

    [Fact]
    public void The_whole_ladder_above_an_empty_commune_is_climbed_and_recorded()
    {
        var empty = CommuneOf([]);
        var allAway = Province(
            Leave("l1", OfficeSupervisor, new(2026, 11, 1), new(2026, 11, 30)),
            Leave("l2", EarlyWeekSupervisor, new(2026, 11, 1), new(2026, 11, 30)),
            Leave("l3", LateWeekSupervisor, new(2026, 11, 1), new(2026, 11, 30)));
        var resolution = Resolve(EscalationTargets.CommuneOfficer, Priority.P1, Local(2026, 11, 23, 9), Units(empty, department: null, allAway));

        Assert.Empty(resolution.Recipients);
        Assert.Equal(
            [(EscalationTargets.CommuneOfficer, "nobody holds the role officer", EscalationTargets.CommuneChairman),
             (EscalationTargets.CommuneChairman, "nobody holds the role chairman", EscalationTargets.ProvincialSupervisor),
             (EscalationTargets.ProvincialSupervisor, "every supervisor is away with no substitute", EscalationTargets.DepartmentDirector),
             (EscalationTargets.DepartmentDirector, "the incident has no department (no agency)", TargetResolver.Nobody)],
            resolution.Gaps.Select(g => (g.Target, g.Reason, g.FellBackTo)));
    }

    [Fact]
    public void A_person_reached_twice_is_told_once()
    {
        var secondOfficeOfficer = Person("c-officer-4", "Lê Thị Bốn", StaffRoles.Officer, OfficeDuty);
        var roster = CommuneOf([Chairman, ViceChairman, OfficeOfficer, secondOfficeOfficer, EarlyWeekOfficer, LateWeekOfficer],
            Leave("leave-1", OfficeOfficer, new(2026, 11, 23), new(2026, 11, 27), substitute: ViceChairman),
            Leave("leave-2", secondOfficeOfficer, new(2026, 11, 23), new(2026, 11, 27), substitute: ViceChairman));
        var resolution = Resolve(EscalationTargets.CommuneOfficer, Priority.P1, Local(2026, 11, 23, 9), Units(roster));
        var recipient = Assert.Single(resolution.Recipients);
        Assert.Equal(ViceChairman, recipient.Person);
        Assert.Equal("stands in for Lê Văn Một (2026-11-23–2026-11-27), on office-hours duty", recipient.Reason);
    }

    [Fact]
    public void Every_target_a_ladder_may_name_means_people_and_climbs_to_the_department_director()
    {
        foreach (var target in EscalationTargets.All)
        {
            var (_, role, _) = EscalationTargets.Of(target);
            Assert.Contains(role, StaffRoles.Of(EscalationTargets.Of(target).Kind));
            var top = target;
            while (EscalationTargets.Fallback(top) is { } next) top = next;
            Assert.Equal(EscalationTargets.DepartmentDirector, top);
        }
    }
}
