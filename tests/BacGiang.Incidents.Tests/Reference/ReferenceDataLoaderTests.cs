using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Reference;

public sealed class ReferenceDataLoaderTests : IDisposable
{
    private readonly DataCopy copy = new();

    private string dir => copy.Directory;

    public void Dispose() => copy.Dispose();

    [Fact]
    public void The_shipped_data_loads_with_the_two_tier_structure_in_force_today()
    {
        var data = ReferenceDataLoader.Load(Repo.DataDirectory);
        var communes2026 = data.CommunesInForce(new LocalDate(2026, 1, 1)).ToList();
        Assert.Equal(99, communes2026.Count);
        Assert.Equal(58, communes2026.Count(c => c.Code.StartsWith("07", StringComparison.Ordinal)));
        Assert.All(communes2026, c => Assert.Equal("24", c.ParentCode));
        Assert.Equal(195, data.CommunesInForce(new LocalDate(2025, 6, 30)).Count());
        Assert.Equal(13, data.Categories.Count);
        Assert.All(data.Categories.Values, c => Assert.True(data.Agencies.ContainsKey(c.DefaultAgency)));
    }

    [Fact]
    public void A_code_resolves_to_the_unit_in_force_on_the_day_and_keeps_its_history()
    {
        var data = ReferenceDataLoader.Load(Repo.DataDirectory);
        Assert.Equal("Tỉnh Bắc Giang", data.UnitInForce("24", new LocalDate(2025, 6, 30))!.Name);
        Assert.Equal("Tỉnh Bắc Ninh", data.UnitInForce("24", new LocalDate(2025, 7, 1))!.Name);
        Assert.Equal(UnitLevel.District, data.UnitInForce("213", new LocalDate(2024, 1, 1))!.Level);
        Assert.Null(data.UnitInForce("213", new LocalDate(2025, 7, 1)));
        Assert.Equal(["Tỉnh Bắc Giang", "Tỉnh Bắc Ninh"], data.History("24").Select(u => u.Name));
    }

    [Fact]
    public void A_category_naming_an_unknown_agency_stops_the_load_naming_file_and_line()
    {
        File.AppendAllText(Path.Combine(dir, "categories.csv"), "sinkhole,Sụt lún,Sinkhole,nobody,P2\n");
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(dir));
        Assert.Equal("categories.csv", e.File);
        Assert.Equal(15, e.Line);
        Assert.Contains("unknown agency 'nobody'", e.Message);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_reported_with_its_line()
    {
        var path = Path.Combine(dir, "agencies.csv");
        var lines = File.ReadAllLines(path).ToList();
        lines.Insert(3, "broken,only two");
        File.WriteAllLines(path, lines);
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(dir));
        Assert.Equal("agencies.csv line 4: expected 4 fields, found 2", e.Message);
    }

    [Theory]
    [InlineData("07999,Xã Thử,commune,24,2025-07-01,2025-06-01,test", "valid_to 2025-06-01 is before valid_from 2025-07-01")]
    [InlineData("07999,Xã Thử,hamlet,24,2025-07-01,,test", "level 'hamlet'")]
    [InlineData("07999,Xã Thử,commune,24,01/07/2025,,test", "not a yyyy-MM-dd date")]
    [InlineData("07627,Xã Trùng,commune,24,2026-01-01,,test", "already in force")]
    [InlineData("07999,Xã Mồ Côi,commune,999,2026-01-01,,test", "parent unit 999")]
    public void A_bad_unit_row_stops_the_load(string row, string expected)
    {
        File.WriteAllText(Path.Combine(dir, "units", "2026-01-01_test.csv"),
            "code,name,level,parent_code,valid_from,valid_to,source\n" + row + "\n");
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(dir));
        Assert.StartsWith("units/2026-01-01_test.csv line 2:", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void Loaded_boundaries_route_points_inside_them()
    {
        Directory.CreateDirectory(Path.Combine(dir, "boundaries"));
        File.WriteAllText(Path.Combine(dir, "boundaries", "sample.geojson"), """
            {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"07627"},
             "geometry":{"type":"Polygon","coordinates":[[[106.60,21.30],[106.70,21.30],[106.70,21.40],[106.60,21.40],[106.60,21.30]],
                                                        [[106.64,21.34],[106.66,21.34],[106.66,21.36],[106.64,21.36],[106.64,21.34]]]}}]}
            """);
        var data = ReferenceDataLoader.Load(dir);
        var boundary = Assert.Single(data.Boundaries);
        Assert.True(boundary.Contains(new GeoPoint(21.32, 106.62)));
        Assert.False(boundary.Contains(new GeoPoint(21.35, 106.65))); // in the hole
        Assert.False(boundary.Contains(new GeoPoint(21.45, 106.62)));
    }

    [Fact]
    public void A_boundary_for_an_unknown_commune_stops_the_load()
    {
        Directory.CreateDirectory(Path.Combine(dir, "boundaries"));
        File.WriteAllText(Path.Combine(dir, "boundaries", "bad.geojson"),
            """{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"99999"},"geometry":{"type":"Polygon","coordinates":[]}}]}""");
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(dir));
        Assert.Contains("boundaries/bad.geojson", e.Message);
        Assert.Contains("99999", e.Message);
    }
}
