using BacGiang.Incidents.People;
using NodaTime;
using static BacGiang.Incidents.Tests.People.Rosters;

namespace BacGiang.Incidents.Tests.People;

public class RosterRulesTests
{
    private static StaffMember NewOfficer(string id = "c-officer-9") => Person(id, "Hoàng Văn Mới", StaffRoles.Officer, OfficeDuty);

    private static string Only(IReadOnlyDictionary<string, string[]> errors, string field)
    {
        Assert.Equal([field], errors.Keys);
        return Assert.Single(errors[field]);
    }

    [Theory]
    [InlineData("0912345678", "0912345678")]
    [InlineData("0912 345 678", "0912345678")]
    [InlineData("091.234.5678", "0912345678")]
    [InlineData("0912-345-678", "0912345678")]
    [InlineData("84912345678", "0912345678")]
    [InlineData("+84912345678", "0912345678")]
    [InlineData(" +84 38 123 4567 ", "0381234567")]
    [InlineData("0561234567", "0561234567")]
    [InlineData("0701234567", "0701234567")]
    [InlineData("0861234567", "0861234567")]
    public void Vietnamese_mobile_numbers_are_normalised_to_ten_digits(string text, string expected)
    {
        Assert.True(PhoneNumber.TryNormalise(text, out var normalised));
        Assert.Equal(expected, normalised);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("091234567")] // too short
    [InlineData("09123456789")] // too long
    [InlineData("09l2345678")] // a letter l for a one
    [InlineData("0243 825 1234")] // Hà Nội landline
    [InlineData("0204 385 1234")] // Bắc Giang landline
    [InlineData("0123456789")] // no mobile range starts with 1
    [InlineData("+1 415 555 0100")]
    [InlineData("+840912345678")]
    [InlineData("+0912345678")]
    [InlineData("(091) 234 5678")]
    [InlineData("0912345678 ext 2")]
    public void Anything_else_is_not_a_mobile_number(string? text) =>
        Assert.False(PhoneNumber.TryNormalise(text, out _));

    [Fact]
    public void Normalise_trims_text_and_normalises_the_phone()
    {
        var messy = Person("  c-officer-9 ", "  Hoàng Văn Mới  ", " officer ", Rosters.OffHours(IsoDayOfWeek.Sunday, IsoDayOfWeek.Monday, IsoDayOfWeek.Sunday)) with
        {
            Phone = "+84 912 345 678", ZaloUserId = " 1234567890123456789 ", Email = "  ", Department = "",
        };
        var (person, errors) = RosterRules.Normalise(UnitKind.Commune, messy, Departments);
        Assert.Empty(errors);
        Assert.Equal("c-officer-9", person!.StaffId);
        Assert.Equal("Hoàng Văn Mới", person.Name);
        Assert.Equal("officer", person.Role);
        Assert.Equal("0912345678", person.Phone);
        Assert.Equal("1234567890123456789", person.ZaloUserId);
        Assert.Null(person.Email);
        Assert.Null(person.Department);
        Assert.Equal([IsoDayOfWeek.Monday, IsoDayOfWeek.Sunday], person.Duty.Days);
    }

    [Theory]
    [InlineData("0912345", "phone")]
    [InlineData("024 3825 1234", "phone")]
    public void A_bad_phone_is_a_phone_error(string phone, string field)
    {
        var (person, errors) = RosterRules.Normalise(UnitKind.Commune, NewOfficer() with { Phone = phone }, Departments);
        Assert.Null(person);
        Assert.Contains("not a Vietnamese mobile number", Only(errors, field));
    }

    [Fact]
    public void An_unknown_role_names_the_roles_the_unit_allows()
    {
        var errors = RosterRules.CheckAdd(Commune(), NewOfficer() with { Role = "staff" }, Departments);
        Assert.Equal("'staff' is not a role of a commune; allowed: officer, vice-chairman, chairman", Only(errors, "role"));
    }

    public static TheoryData<string, StaffMember, string> BadPeople() => new()
    {
        { "staffId", Person("x", "Tên", StaffRoles.Officer), "2–64 characters" },
        { "staffId", Person("c officer", "Tên", StaffRoles.Officer), "2–64 characters" },
        { "staffId", Person(new string('a', 65), "Tên", StaffRoles.Officer), "2–64 characters" },
        { "name", Person("c-9", "   ", StaffRoles.Officer), "required" },
        { "name", Person("c-9", new string('a', 121), StaffRoles.Officer), "at most 120" },
        { "duty", Person("c-9", "Tên", StaffRoles.Officer, Rosters.OffHours()), "at least one day" },
        { "duty", Person("c-9", "Tên", StaffRoles.Officer, OfficeDuty with { Days = [IsoDayOfWeek.Monday] }), "only off-hours duty has days" },
        { "zaloUserId", Person("c-9", "Tên", StaffRoles.Officer) with { ZaloUserId = "12ab5678" }, "5–30 digits" },
        { "zaloUserId", Person("c-9", "Tên", StaffRoles.Officer) with { ZaloUserId = "1234" }, "5–30 digits" },
        { "email", Person("c-9", "Tên", StaffRoles.Officer) with { Email = "an.example.gov.vn" }, "not an e-mail address" },
        { "email", Person("c-9", "Tên", StaffRoles.Officer) with { Email = "an@localhost" }, "not an e-mail address" },
        { "email", Person("c-9", "Tên", StaffRoles.Officer) with { Email = "a n@example.gov.vn" }, "not an e-mail address" },
        { "department", Person("c-9", "Tên", StaffRoles.Officer, department: "police"), "only a department director" },
    };

    [Theory]
    [MemberData(nameof(BadPeople))]
    public void Each_field_is_checked_under_its_own_name(string field, StaffMember person, string message) =>
        Assert.Contains(message, Only(RosterRules.CheckAdd(Commune(), person, Departments), field));

    [Fact]
    public void A_department_director_needs_a_known_department()
    {
        var director = Person("p-director-x", "Ngô Văn X", StaffRoles.DepartmentDirector);
        Assert.Contains("needs the department", Only(RosterRules.CheckAdd(Province(), director, Departments), "department"));
        Assert.Contains("unknown department 'health'", Only(RosterRules.CheckAdd(Province(), director with { Department = "health" }, Departments), "department"));
        Assert.Empty(RosterRules.CheckAdd(Province(), director with { Department = "military" }, Departments));
    }

    [Fact]
    public void A_staff_id_already_on_the_roster_cannot_be_added_but_can_be_replaced()
    {
        Assert.Equal("c-officer-1 is already on this roster (Lê Văn Một)", Only(RosterRules.CheckAdd(Commune(), NewOfficer("c-officer-1"), Departments), "staffId"));
        Assert.Empty(RosterRules.CheckReplace(Commune(), NewOfficer("c-officer-1"), Departments));
        Assert.Contains("no one with staff id c-officer-9", Only(RosterRules.CheckReplace(Commune(), NewOfficer(), Departments), "staffId"));
    }

    [Fact]
    public void The_provinces_last_supervisor_can_be_neither_removed_nor_demoted()
    {
        var lone = new UnitRoster { Unit = UnitRef.Province, People = [OfficeSupervisor, PoliceDirector] };
        Assert.Contains("last supervisor", Only(RosterRules.CheckRemove(lone, OfficeSupervisor.StaffId), "staffId"));
        var demoted = OfficeSupervisor with { Role = StaffRoles.DepartmentDirector, Duty = DutyPattern.None, Department = "military" };
        Assert.Contains("last supervisor", Only(RosterRules.CheckReplace(lone, demoted, Departments), "role"));
        Assert.Empty(RosterRules.CheckRemove(Province(), OfficeSupervisor.StaffId));
        Assert.Empty(RosterRules.CheckRemove(lone, PoliceDirector.StaffId));
    }

    [Fact]
    public void Nobody_unknown_or_still_standing_in_can_be_removed()
    {
        Assert.Contains("no one with staff id c-nobody", Only(RosterRules.CheckRemove(Commune(), "c-nobody"), "staffId"));
        var roster = Commune(Leave("leave-1", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 5), substitute: LateWeekOfficer));
        Assert.Equal("c-officer-3 stands in for Lê Văn Một in override leave-1 (2026-12-01–2026-12-05); change that override first",
            Only(RosterRules.CheckRemove(roster, LateWeekOfficer.StaffId), "staffId"));
        Assert.Empty(RosterRules.CheckRemove(roster, OfficeOfficer.StaffId));
    }

    [Fact]
    public void Overlapping_leave_of_the_same_person_names_the_other_override()
    {
        var roster = Commune(Leave("leave-1", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 5)));
        var errors = RosterRules.CheckOverride(roster, Leave("leave-2", OfficeOfficer, new(2026, 12, 5), new(2026, 12, 8)));
        Assert.Equal("overlaps override leave-1 (2026-12-01–2026-12-05) of the same person", Only(errors, "from"));
        Assert.Empty(RosterRules.CheckOverride(roster, Leave("leave-2", OfficeOfficer, new(2026, 12, 6), new(2026, 12, 8))));
        Assert.Empty(RosterRules.CheckOverride(roster, Leave("leave-1", OfficeOfficer, new(2026, 12, 2), new(2026, 12, 9))));
    }

    [Fact]
    public void Dates_must_run_forward_and_span_at_most_a_year()
    {
        Assert.Equal("ends (2026-12-01) before it starts (2026-12-05)",
            Only(RosterRules.CheckOverride(Commune(), Leave("l", OfficeOfficer, new(2026, 12, 5), new(2026, 12, 1))), "to"));
        Assert.Contains("at most 366 days",
            Only(RosterRules.CheckOverride(Commune(), Leave("l", OfficeOfficer, new(2026, 1, 1), new(2027, 1, 2))), "to"));
        Assert.Empty(RosterRules.CheckOverride(Commune(), Leave("l", OfficeOfficer, new(2028, 1, 1), new(2028, 12, 31))));
        Assert.Empty(RosterRules.CheckOverride(Commune(), Leave("l", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 1))));
    }

    [Fact]
    public void The_substitute_must_be_someone_else_on_the_roster_who_is_not_away_then()
    {
        var roster = Commune(Leave("leave-3", LateWeekOfficer, new(2026, 12, 4), new(2026, 12, 10)));
        Assert.Equal("Lê Văn Ba is away themselves then (override leave-3, 2026-12-04–2026-12-10)",
            Only(RosterRules.CheckOverride(roster, Leave("leave-1", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 5), LateWeekOfficer)), "substituteId"));
        Assert.Empty(RosterRules.CheckOverride(roster, Leave("leave-1", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 3), LateWeekOfficer)));
        Assert.Contains("themselves",
            Only(RosterRules.CheckOverride(roster, Leave("leave-1", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 3), OfficeOfficer)), "substituteId"));
        Assert.Contains("no one with staff id c-nobody",
            Only(RosterRules.CheckOverride(roster, Leave("leave-1", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 3)) with { SubstituteId = "c-nobody" }), "substituteId"));
        Assert.Contains("no one with staff id c-nobody",
            Only(RosterRules.CheckOverride(roster, Leave("leave-1", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 3)) with { StaffId = "c-nobody" }), "staffId"));
    }

    [Fact]
    public void Someone_standing_in_for_a_colleague_cannot_go_on_leave_meanwhile()
    {
        var roster = Commune(Leave("leave-1", OfficeOfficer, new(2026, 12, 1), new(2026, 12, 5), substitute: LateWeekOfficer));
        Assert.Equal("Lê Văn Ba stands in for Lê Văn Một then (override leave-1, 2026-12-01–2026-12-05)",
            Only(RosterRules.CheckOverride(roster, Leave("leave-2", LateWeekOfficer, new(2026, 12, 5), new(2026, 12, 6))), "from"));
    }
}
