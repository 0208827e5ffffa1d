using BacGiang.Incidents.People;
using NodaTime;
using static BacGiang.Incidents.Tests.People.Rosters;
using static BacGiang.Incidents.Tests.Sla.Calendars;

namespace BacGiang.Incidents.Tests.People;

public class DutyRotaTests
{
    private static IReadOnlyList<OnDuty> OfficersOnDuty(Instant at, UnitRoster? roster = null) =>
        Rota.Holders(roster ?? Commune(), StaffRoles.Officer, at, onDutyOnly: true);

    private static void AssertOnDuty(Instant at, StaffMember expected, string reason, UnitRoster? roster = null)
    {
        var onDuty = Assert.Single(OfficersOnDuty(at, roster));
        Assert.Equal(expected.StaffId, onDuty.Person.StaffId);
        Assert.Equal(reason, onDuty.Reason);
    }

    public static TheoryData<string, Instant, bool> OfficeTime() => new()
    {
        { "opening", Local(2026, 11, 23, 7, 30), true },
        { "a minute before opening", Local(2026, 11, 23, 7, 29), false },
        { "lunch: the office is staffed", Local(2026, 11, 23, 12), true },
        { "closing is already off-hours", Local(2026, 11, 23, 17), false },
        { "Saturday", Local(2026, 11, 28, 10), false },
        { "National Day, a Wednesday", Local(2026, 9, 2, 10), false },
        { "the make-up Saturday 26/4/2025", Local(2025, 4, 26, 10), true },
    };

    [Theory]
    [MemberData(nameof(OfficeTime))]
    public void Office_time_is_the_staffed_span_of_a_working_day(string why, Instant at, bool expected) =>
        Assert.True(expected == Rota.InOfficeHours(at), why);

    [Fact]
    public void On_a_weekday_the_office_officer_is_on_duty_lunch_included()
    {
        AssertOnDuty(Local(2026, 11, 23, 7, 30), OfficeOfficer, "on office-hours duty");
        AssertOnDuty(Local(2026, 11, 23, 12), OfficeOfficer, "on office-hours duty");
        AssertOnDuty(Local(2026, 11, 23, 16, 59), OfficeOfficer, "on office-hours duty");
    }

    [Fact]
    public void The_evening_and_the_next_small_hours_belong_to_the_previous_days_off_hours_officer()
    {
        AssertOnDuty(Local(2026, 11, 23, 17), EarlyWeekOfficer, "on off-hours duty (Monday)");
        AssertOnDuty(Local(2026, 11, 24, 3), EarlyWeekOfficer, "on off-hours duty (Monday)");
        AssertOnDuty(Local(2026, 11, 24, 7, 29), EarlyWeekOfficer, "on off-hours duty (Monday)");
        AssertOnDuty(Local(2026, 11, 24, 7, 30), OfficeOfficer, "on office-hours duty");
        AssertOnDuty(Local(2026, 11, 24, 20), LateWeekOfficer, "on off-hours duty (Tuesday)");
    }

    [Fact]
    public void A_weekend_day_runs_from_its_morning_to_the_next_morning()
    {
        AssertOnDuty(Local(2026, 11, 27, 18), EarlyWeekOfficer, "on off-hours duty (Friday)");
        AssertOnDuty(Local(2026, 11, 28, 7), EarlyWeekOfficer, "on off-hours duty (Friday)");
        AssertOnDuty(Local(2026, 11, 28, 7, 30), LateWeekOfficer, "on off-hours duty (Saturday)");
        AssertOnDuty(Local(2026, 11, 28, 14), LateWeekOfficer, "on off-hours duty (Saturday)");
        AssertOnDuty(Local(2026, 11, 29, 7, 29), LateWeekOfficer, "on off-hours duty (Saturday)");
        AssertOnDuty(Local(2026, 11, 29, 7, 30), EarlyWeekOfficer, "on off-hours duty (Sunday)");
        AssertOnDuty(Local(2026, 11, 30, 7), EarlyWeekOfficer, "on off-hours duty (Sunday)");
        AssertOnDuty(Local(2026, 11, 30, 7, 30), OfficeOfficer, "on office-hours duty");
    }

    [Fact]
    public void A_weekday_holiday_is_off_hours_duty_all_day_and_nobody_is_on_office_duty()
    {
        // 1 and 2 September 2026 (Tuesday, Wednesday) are National Day in data/holidays.csv.
        AssertOnDuty(Local(2026, 9, 1, 10), LateWeekOfficer, "on off-hours duty (Tuesday)");
        AssertOnDuty(Local(2026, 9, 2, 7), LateWeekOfficer, "on off-hours duty (Tuesday)");
        AssertOnDuty(Local(2026, 9, 2, 10), EarlyWeekOfficer, "on off-hours duty (Wednesday)");
        AssertOnDuty(Local(2026, 9, 3, 7), EarlyWeekOfficer, "on off-hours duty (Wednesday)");
        AssertOnDuty(Local(2026, 9, 3, 7, 30), OfficeOfficer, "on office-hours duty");
    }

    [Fact]
    public void A_make_up_Saturday_is_an_office_day_and_its_evening_the_Saturday_officers()
    {
        AssertOnDuty(Local(2025, 4, 26, 10), OfficeOfficer, "on office-hours duty");
        AssertOnDuty(Local(2025, 4, 26, 18), LateWeekOfficer, "on off-hours duty (Saturday)");
    }

    [Fact]
    public void Someone_on_leave_without_a_substitute_is_left_out()
    {
        var roster = Commune(Leave("leave-1", OfficeOfficer, new(2026, 11, 23), new(2026, 11, 27)));
        Assert.Empty(OfficersOnDuty(Local(2026, 11, 23, 9), roster));
        Assert.DoesNotContain(Rota.Holders(roster, StaffRoles.Officer, Local(2026, 11, 23, 9), onDutyOnly: false), h => h.Person == OfficeOfficer);
        AssertOnDuty(Local(2026, 11, 30, 9), OfficeOfficer, "on office-hours duty", roster);
    }

    [Fact]
    public void A_substitute_takes_the_absent_persons_place_and_duty()
    {
        var roster = Commune(Leave("leave-1", OfficeOfficer, new(2026, 11, 23), new(2026, 11, 27), substitute: LateWeekOfficer));
        AssertOnDuty(Local(2026, 11, 23, 9), LateWeekOfficer, "stands in for Lê Văn Một (2026-11-23–2026-11-27), on office-hours duty", roster);
        // Standing in adds the absent person's hours; the substitute's own evenings stay theirs.
        AssertOnDuty(Local(2026, 11, 23, 20), EarlyWeekOfficer, "on off-hours duty (Monday)", roster);
        AssertOnDuty(Local(2026, 11, 24, 20), LateWeekOfficer, "on off-hours duty (Tuesday)", roster);
    }

    [Fact]
    public void A_substitute_who_is_away_too_leaves_nobody()
    {
        var roster = Commune(
            Leave("leave-1", OfficeOfficer, new(2026, 11, 23), new(2026, 11, 27), substitute: LateWeekOfficer),
            Leave("leave-2", LateWeekOfficer, new(2026, 11, 23), new(2026, 11, 23)));
        Assert.Empty(OfficersOnDuty(Local(2026, 11, 23, 9), roster));
        AssertOnDuty(Local(2026, 11, 24, 9), LateWeekOfficer, "stands in for Lê Văn Một (2026-11-23–2026-11-27), on office-hours duty", roster);
    }

    [Fact]
    public void Every_holder_of_the_role_regardless_of_duty_in_roster_order()
    {
        var roster = Commune(Leave("leave-1", EarlyWeekOfficer, new(2026, 11, 23), new(2026, 11, 23), substitute: Chairman));
        var holders = Rota.Holders(roster, StaffRoles.Officer, Local(2026, 11, 23, 22), onDutyOnly: false);
        Assert.Equal(
            [(OfficeOfficer.StaffId, "holds the role"), (Chairman.StaffId, "stands in for Lê Thị Hai (2026-11-23–2026-11-23)"), (LateWeekOfficer.StaffId, "holds the role")],
            holders.Select(h => (h.Person.StaffId, h.Reason)));
        Assert.Equal([Chairman], Rota.Holders(roster, StaffRoles.Chairman, Local(2026, 11, 23, 22), onDutyOnly: false).Select(h => h.Person));
        Assert.Empty(Rota.Holders(roster, StaffRoles.Chairman, Local(2026, 11, 23, 22), onDutyOnly: true));
    }

    [Fact]
    public void Round_the_clock_duty_is_always_on()
    {
        var desk = new UnitRoster { Unit = UnitRef.Agency("fire-police"), People = [AgencyHead, AgencyDesk] };
        foreach (var at in new[] { Local(2026, 11, 23, 9), Local(2026, 11, 28, 3), Local(2026, 9, 2, 12) })
            Assert.Equal("on duty round the clock", Assert.Single(Rota.Holders(desk, StaffRoles.Staff, at, onDutyOnly: true)).Reason);
    }

    [Fact]
    public void Someone_standing_in_for_two_people_is_listed_once()
    {
        var roster = Commune(
            Leave("leave-1", EarlyWeekOfficer, new(2026, 11, 23), new(2026, 11, 24), substitute: OfficeOfficer),
            Leave("leave-2", LateWeekOfficer, new(2026, 11, 23), new(2026, 11, 24), substitute: OfficeOfficer));
        Assert.Single(Rota.Holders(roster, StaffRoles.Officer, Local(2026, 11, 23, 9), onDutyOnly: false));
    }

    public static TheoryData<string, Instant, Instant> NextOfficeStarts() => new()
    {
        { "inside office time: now", Local(2026, 11, 23, 9), Local(2026, 11, 23, 9) },
        { "over lunch: now", Local(2026, 11, 23, 12), Local(2026, 11, 23, 12) },
        { "before opening: this morning", Local(2026, 11, 23, 6), Local(2026, 11, 23, 7, 30) },
        { "Friday evening: Monday morning", Local(2026, 11, 27, 18), Local(2026, 11, 30, 7, 30) },
        { "the evening before National Day: after it", Local(2026, 8, 31, 18), Local(2026, 9, 3, 7, 30) },
        { "Friday before the make-up Saturday", Local(2025, 4, 25, 18), Local(2025, 4, 26, 7, 30) },
    };

    [Theory]
    [MemberData(nameof(NextOfficeStarts))]
    public void The_next_office_start(string why, Instant at, Instant expected) =>
        Assert.True(expected == Rota.NextOfficeStart(at), $"{why}: expected {expected}, got {Rota.NextOfficeStart(at)}");
}
