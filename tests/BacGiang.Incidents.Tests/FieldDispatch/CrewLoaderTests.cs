using BacGiang.Incidents.Domain;
using BacGiang.Incidents.FieldDispatch;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.FieldDispatch;

public sealed class CrewLoaderTests : IDisposable
{
    private static readonly ReferenceData Data = ReferenceDataLoader.Load(Repo.DataDirectory);
    private const string Header = "agency,crew_id,name,kind,home_lat,home_lon,members,shift,sample";
    private const string Good = "power,power-x,Xe điện,electric-repair-truck,21.27,106.19,a-power-head,office,sample";

    private readonly DataCopy copy = new();

    public void Dispose() => copy.Dispose();

    private static IReadOnlyList<Crew> Load(string dir) =>
        CrewLoader.Load(dir, Data.Agencies.Keys.ToHashSet(StringComparer.Ordinal), Data.SampleRosters, Data.ProvinceArea);

    private ReferenceDataException Refused(params string[] rows)
    {
        File.WriteAllLines(Path.Combine(copy.Directory, "crews.csv"), [Header, .. rows]);
        return Assert.Throws<ReferenceDataException>(() => Load(copy.Directory));
    }

    [Fact]
    public void The_shipped_sample_gives_every_agency_two_to_four_crews_of_its_own_people()
    {
        var crews = Load(Repo.DataDirectory);

        Assert.All(Data.Agencies.Keys, a => Assert.InRange(crews.Count(c => c.Agency == a), 2, 4));
        Assert.Equal(crews.Count, crews.Select(c => c.CrewId).Distinct().Count());
        Assert.All(crews, c => Assert.Contains(Data.ProvinceArea, b => b.Contains(c.Home)));
        Assert.All(crews, c => Assert.All(c.Members, m => Assert.NotNull(Data.SampleRosters[UnitRef.Agency(c.Agency)].Find(m))));
        Assert.All(crews, c => Assert.NotEqual(DutyKind.None, c.Shift.Kind));
        // The round-the-clock desks (fire, traffic, civil defence) each have a crew on call always.
        Assert.Equal(["civil-defence", "fire-police", "traffic-police"],
            crews.Where(c => c.Shift.Kind == DutyKind.Always).Select(c => c.Agency).Distinct().Order());
    }

    [Fact]
    public void A_good_row_loads_with_its_fields()
    {
        File.WriteAllLines(Path.Combine(copy.Directory, "crews.csv"), [Header, Good.Replace("a-power-head", "a-power-head; a-power-staff-1")]);
        var crew = Assert.Single(Load(copy.Directory));
        Assert.Equal(new GeoPoint(21.27, 106.19), crew.Home);
        Assert.Equal(["a-power-head", "a-power-staff-1"], crew.Members);
        Assert.Equal(DutyKind.OfficeHours, crew.Shift.Kind);
        Assert.Equal("electric-repair-truck", crew.Kind);
    }

    [Theory]
    [InlineData("police,power-x,Xe,patrol-car,21.27,106.19,a-power-head,office,sample", "agency: 'police' is not in agencies.csv")]
    [InlineData("power,x,Xe,electric-repair-truck,21.27,106.19,a-power-head,office,sample", "crew_id: 'x' is not 2–64")]
    [InlineData("power,power-x,,electric-repair-truck,21.27,106.19,a-power-head,office,sample", "name: a crew needs a name")]
    [InlineData("power,power-x,Xe,tank,21.27,106.19,a-power-head,office,sample", "kind: 'tank' is not one of")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.85,106.76,a-power-head,office,sample", "home_lat: 21.85, 106.76 is outside the province")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.0285,105.8542,a-power-head,office,sample", "home_lon: 21.0285, 105.8542 is outside the province")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21,27,106.19,a-power-head,office,sample", "expected 9 fields, found 10")]
    [InlineData("power,power-x,Xe,electric-repair-truck,bắc,106.19,a-power-head,office,sample", "home_lat: 'bắc' is not a number")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,,a-power-head,office,sample", "home_lon: '' is not a number")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,106.19,,office,sample", "members: a crew needs at least one member")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,106.19,nobody,office,sample", "members: nobody is on no roster")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,106.19,a-water-head,office,sample", "members: a-water-head is on the roster of agency water, not of agency power")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,106.19,a-power-head;a-power-head,office,sample", "members: a-power-head is listed twice")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,106.19,a-power-head,,sample", "shift: '' is not office")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,106.19,a-power-head,nights,sample", "shift: 'nights' is not office")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,106.19,a-power-head,off-hours:,sample", "shift: 'off-hours:' is not office")]
    [InlineData("power,power-x,Xe,electric-repair-truck,21.27,106.19,a-power-head,office,", "sample: '';")]
    public void A_bad_row_is_refused_naming_file_line_and_field(string row, string message)
    {
        var e = Refused(Good.Replace("power-x", "power-ok").Replace("a-power-head", "a-power-staff-2"), row);
        Assert.Equal("crews.csv", e.File);
        Assert.Equal(3, e.Line);
        Assert.Contains(message, e.Message);
        Assert.StartsWith("crews.csv line 3: ", e.Message);
    }

    [Fact]
    public void Start_up_loads_the_crews_and_stops_on_a_bad_one()
    {
        Assert.Equal(Load(Repo.DataDirectory).Select(c => c.CrewId), Data.SampleCrews.Select(c => c.CrewId));

        File.AppendAllLines(Path.Combine(copy.Directory, "crews.csv"), ["power,power-x,Xe,electric-repair-truck,21.27,106.19,a-water-head,office,sample"]);
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(copy.Directory));
        Assert.Equal("crews.csv", e.File);
        Assert.Equal(22, e.Line);
    }

    [Fact]
    public void A_crew_id_is_used_once_across_agencies()
    {
        var e = Refused(Good, "water,power-x,Xe nước,water-repair-truck,21.27,106.19,a-water-head,office,sample");
        Assert.Equal("crews.csv line 3: crew_id: power-x is already used on line 2", e.Message);
    }

    [Fact]
    public void A_person_rides_one_crew()
    {
        var e = Refused(Good, Good.Replace("power-x", "power-y"));
        Assert.Equal("crews.csv line 3: members: a-power-head already rides power-x (line 2)", e.Message);
    }

    [Fact]
    public void A_missing_file_or_column_stops_start_up()
    {
        File.Delete(Path.Combine(copy.Directory, "crews.csv"));
        Assert.Equal("crews.csv: file not found", Assert.Throws<ReferenceDataException>(() => Load(copy.Directory)).Message);

        File.WriteAllLines(Path.Combine(copy.Directory, "crews.csv"), [Header.Replace(",shift", ""), Good.Replace(",office", "")]);
        Assert.Equal("crews.csv line 1: missing column 'shift'", Assert.Throws<ReferenceDataException>(() => Load(copy.Directory)).Message);
    }
}
