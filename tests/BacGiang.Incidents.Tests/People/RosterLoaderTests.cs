using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.People;

public sealed class RosterLoaderTests : IDisposable
{
    private readonly DataCopy copy = new();

    private string RosterPath => Path.Combine(copy.Directory, "people", "roster.csv");

    public void Dispose() => copy.Dispose();

    [Fact]
    public void The_shipped_samples_staff_every_commune_agency_and_department()
    {
        var data = ReferenceDataLoader.Load(Repo.DataDirectory);
        var rosters = data.SampleRosters;

        var communes = data.CommunesInForce(new LocalDate(2026, 1, 1)).Select(c => UnitRef.Commune(c.Code)).ToList();
        Assert.Equal(99, communes.Count);
        Assert.All(communes, c => Assert.Equal(
            [StaffRoles.Chairman, StaffRoles.ViceChairman, StaffRoles.Officer, StaffRoles.Officer, StaffRoles.Officer],
            rosters[c].People.Select(p => p.Role)));
        Assert.All(data.Agencies.Keys, a => Assert.Equal(
            [StaffRoles.Head, StaffRoles.Staff, StaffRoles.Staff], rosters[UnitRef.Agency(a)].People.Select(p => p.Role)));
        Assert.Equal(99 + data.Agencies.Count + 1, rosters.Count);

        var province = rosters[UnitRef.Province].People;
        Assert.Equal(3, province.Count(p => p.Role == StaffRoles.Supervisor));
        Assert.All(data.Agencies.Values, a => Assert.Contains(province, p => p.Role == StaffRoles.DepartmentDirector && p.Department == a.Department));
        Assert.Equal(data.Departments.Keys.Order(), province.Where(p => p.Department is not null).Select(p => p.Department!).Order());

        var everyone = rosters.Values.SelectMany(r => r.People).ToList();
        Assert.All(everyone, p => Assert.Matches("^09[0-9]{8}$", p.Phone));
        Assert.All(everyone, p => Assert.Matches("^[0-9]{19}$", p.ZaloUserId));
        Assert.Equal(everyone.Count, everyone.Select(p => p.StaffId).Distinct().Count());
        Assert.All(everyone, p => Assert.Equal(rosters[UnitRef.Province].People.Contains(p), p.Email is not null));
    }

    [Fact]
    public void Round_the_clock_desks_are_the_fire_traffic_and_civil_defence_ones()
    {
        var rosters = ReferenceDataLoader.Load(Repo.DataDirectory).SampleRosters;
        var always = rosters.Values.SelectMany(r => r.People.Where(p => p.Duty.Kind == DutyKind.Always).Select(_ => r.Unit.Code)).Order();
        Assert.Equal(["civil-defence", "fire-police", "traffic-police"], always);
    }

    [Fact]
    public void Agencies_name_a_department_from_departments_csv()
    {
        var data = ReferenceDataLoader.Load(Repo.DataDirectory);
        Assert.Equal("military", data.Agencies["civil-defence"].Department);
        Assert.Equal("Sở Khoa học và Công nghệ", data.Departments[data.Agencies["ioc"].Department].NameVi);

        var path = Path.Combine(copy.Directory, "agencies.csv");
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l => l.StartsWith("water,", StringComparison.Ordinal) ? l.Replace(",construction", ",utilities") : l));
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(copy.Directory));
        Assert.Equal("agencies.csv line 7: unknown department 'utilities' (not in departments.csv)", e.Message);
    }

    public static TheoryData<string, string, string, string> BadRows() => new()
    {
        { "c07627-officer-2", "phone", "0123", "phone: '0123' is not a Vietnamese mobile number" },
        { "c07627-officer-2", "phone", "024 3825 1234", "phone: '024 3825 1234' is not a Vietnamese mobile number" },
        { "c07627-officer-2", "role", "staff", "role: 'staff' is not a role of a commune; allowed: officer, vice-chairman, chairman" },
        { "c07627-officer-2", "duty", "off-hours:Mon Xyz", "duty 'off-hours:Mon Xyz' is not" },
        { "c07627-officer-2", "duty", "off-hours:", "duty: off-hours duty needs at least one day" },
        { "c07627-officer-2", "zalo_user_id", "zalo-42", "zaloUserId: a Zalo user id is 5–30 digits" },
        { "c07627-officer-2", "unit", "99999", "commune '99999' is not a commune in force since 2025-07-01" },
        { "c07627-officer-2", "unit", "213", "commune '213' is not a commune in force" },
        { "c07627-officer-2", "unit_kind", "district", "unit_kind 'district'" },
        { "c07627-officer-2", "sample", "real", "sample is 'real'" },
        { "c07627-officer-2", "staff_id", "c07627 officer 2", "staffId: a staff id is 2–64 characters" },
        { "a-urenco-head", "unit", "evn", "agency 'evn' is not in agencies.csv" },
        { "p-supervisor-2", "unit", "24", "the province's unit is 'province', not '24'" },
        { "p-director-police", "department", "health", "department: unknown department 'health'" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void A_bad_row_stops_the_load_naming_the_file_and_line(string staffId, string column, string value, string expected)
    {
        var lines = File.ReadAllLines(RosterPath);
        var at = Array.IndexOf(lines[0].Split(','), column);
        var index = Array.FindIndex(lines, l => l.Split(',')[2] == staffId);
        var fields = lines[index].Split(',');
        fields[at] = value;
        lines[index] = string.Join(',', fields);
        File.WriteAllLines(RosterPath, lines);

        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(copy.Directory));
        Assert.Equal(RosterLoader.FileName, e.File);
        Assert.Equal(index + 1, e.Line);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_staff_id_used_twice_anywhere_in_the_file_names_both_lines()
    {
        var lines = File.ReadAllLines(RosterPath).ToList();
        var first = lines.FindIndex(l => l.Contains(",c07627-officer-1,", StringComparison.Ordinal));
        lines.Add(lines[first].Replace("commune,07627,", "commune,07615,", StringComparison.Ordinal));
        File.WriteAllLines(RosterPath, lines);

        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(copy.Directory));
        Assert.Equal($"people/roster.csv line {lines.Count}: staff_id c07627-officer-1 is already used on line {first + 1}", e.Message);
    }

    [Fact]
    public void A_province_without_a_supervisor_stops_the_load()
    {
        File.WriteAllLines(RosterPath, File.ReadAllLines(RosterPath).Where(l => !l.Contains(",supervisor,", StringComparison.Ordinal)));
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(copy.Directory));
        Assert.Equal(RosterLoader.FileName, e.File);
        Assert.Contains("the province has no supervisor", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData("office")]
    [InlineData("always")]
    [InlineData("off-hours:Mon Wed Fri Sun")]
    public void Duty_texts_read_back_as_written(string text)
    {
        Assert.True(DutyText.TryParse(text, out var duty));
        Assert.Equal(text, DutyText.Format(duty));
    }
}
