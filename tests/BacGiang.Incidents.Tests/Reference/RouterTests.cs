using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Reference;

public class RouterTests
{
    private static readonly ReferenceData Data = ReferenceDataLoader.Load(Repo.DataDirectory);
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 3, 0);
    private readonly Router router = new(Data, code => code.StartsWith("07", StringComparison.Ordinal));

    [Fact]
    public void A_named_commune_and_the_categorys_agency_route_at_once()
    {
        var route = router.Route(Reports.Garbage(Reports.DaiSon), Now);
        Assert.True(route.IsRouted);
        Assert.Equal((Reports.DaiSon, "urenco", "commune-code"), (route.Commune, route.Agency, route.Explanation));
        Assert.Equal("fire-police", router.Route(Reports.Garbage() with { Category = "fire" }, Now).Agency);
    }

    [Fact]
    public void A_commune_this_deployment_does_not_serve_goes_to_triage_with_the_reason()
    {
        var bacNinhCommune = Data.CommunesInForce(ReferenceData.DateOf(Now)).First(c => c.Code.StartsWith("09", StringComparison.Ordinal));
        var route = router.Route(Reports.Garbage(bacNinhCommune.Code), Now);
        Assert.False(route.IsRouted);
        Assert.Contains("not served", route.Explanation);
        Assert.Equal(bacNinhCommune.Code, route.Commune);
    }

    [Fact]
    public void A_code_abolished_in_the_reform_does_not_route_after_it()
    {
        var route = router.Route(Reports.Garbage("07201"), Now);
        Assert.False(route.IsRouted);
        Assert.Contains("not a commune in force", route.Explanation);
        Assert.True(router.Route(Reports.Garbage("07201"), Instant.FromUtc(2025, 3, 1, 0, 0)).IsRouted);
    }

    [Fact]
    public void A_point_outside_the_province_goes_to_triage()
    {
        var hanoi = Reports.Garbage(null) with { Location = new GeoPoint(21.0285, 105.8542) };
        Assert.Contains("outside the province", router.Route(hanoi, Now).Explanation);
    }

    [Fact]
    public void A_point_inside_the_province_without_boundary_data_goes_to_triage()
    {
        var inside = Reports.Garbage(null) with { Location = new GeoPoint(21.30, 106.60) };
        var route = router.Route(inside, Now);
        Assert.False(route.IsRouted);
        Assert.Contains("no loaded commune boundary", route.Explanation);
        Assert.Equal("urenco", route.Agency);
    }

    [Fact]
    public void Nothing_to_locate_by_goes_to_triage()
    {
        Assert.Equal("no commune named and no location given", router.Route(Reports.Garbage(null), Now).Explanation);
    }
}
