using BacGiang.Incidents.Domain;
using BacGiang.Incidents.FieldDispatch;
using NodaTime;

namespace BacGiang.Incidents.Tests.FieldDispatch;

public sealed class CrewSuggestionsTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 10, 2, 0);
    private static readonly GeoPoint Incident = new(21.2000, 106.1000);

    // Crews due north or south of the incident, so each distance is R·Δφ: 0.01° of latitude is 1111.951 m on the sphere.
    private static CrewSnapshot Crew(string id, CrewStatus status, double? lat, int jobs = 0, Duration? age = null) =>
        new(id, id, "fire-police", status, lat is { } l ? new GeoPoint(l, Incident.Lon) : null,
            lat is null ? null : Now - (age ?? Duration.FromMinutes(1)), jobs);

    [Fact]
    public void Available_fresh_crews_come_first_by_distance_and_load_then_stale_then_unknown_then_busy()
    {
        var crews = new[]
        {
            Crew("oos-next-door", CrewStatus.OutOfService, 21.2001),
            Crew("busy-near", CrewStatus.EnRoute, 21.2050, jobs: 1),
            Crew("far", CrewStatus.Available, 21.2500),
            Crew("near-loaded", CrewStatus.Available, 21.2100, jobs: 2),
            Crew("stale", CrewStatus.Available, 21.2010, age: Duration.FromMinutes(30)),
            Crew("unknown", CrewStatus.Available, null),
            Crew("tie-b", CrewStatus.Available, 21.1800),
            Crew("tie-a", CrewStatus.Available, 21.1800),
            Crew("busy-on-scene", CrewStatus.OnScene, 21.2000, jobs: 1),
            Crew("busy-stale", CrewStatus.Assigned, 21.2000, jobs: 1, age: Duration.FromHours(2)),
        };

        var ranked = CrewSuggestions.Rank(Incident, crews, Now, new DispatchOptions());

        Assert.Equal(
            ["tie-a", "tie-b", "near-loaded", "far", "stale", "unknown", "busy-on-scene", "busy-near", "busy-stale"],
            ranked.Select(s => s.Crew.CrewId));
        Assert.Equal(Enumerable.Range(1, 9), ranked.Select(s => s.Rank));
        Assert.DoesNotContain(ranked, s => s.Crew.Status == CrewStatus.OutOfService);

        double?[] metres = [2223.902, 2223.902, 1111.951, 5559.754, 111.195, null, 0, 555.975, 0];
        foreach (var (expected, s) in metres.Zip(ranked))
        {
            if (expected is null) Assert.Null(s.DistanceMetres);
            else Assert.InRange(s.DistanceMetres!.Value, expected.Value - 1, expected.Value + 1);
        }
        Assert.Equal(
            [PositionState.Fresh, PositionState.Fresh, PositionState.Fresh, PositionState.Fresh, PositionState.Stale,
             PositionState.Unknown, PositionState.Fresh, PositionState.Fresh, PositionState.Stale],
            ranked.Select(s => s.Position));
        Assert.Equal([false, false, false, false, false, false, true, true, true], ranked.Select(s => s.Busy));
    }

    [Fact]
    public void Each_open_job_counts_as_the_configured_distance()
    {
        // near-loaded is 1112 m away with two jobs: 5112 m at 2 km a job, behind far (5560 m); with 3 km a job, 7112 m.
        var crews = new[] { Crew("near-loaded", CrewStatus.Available, 21.2100, jobs: 2), Crew("far", CrewStatus.Available, 21.2500) };
        Assert.Equal(["near-loaded", "far"], CrewSuggestions.Rank(Incident, crews, Now, new DispatchOptions()).Select(s => s.Crew.CrewId));
        Assert.Equal(["far", "near-loaded"],
            CrewSuggestions.Rank(Incident, crews, Now, new DispatchOptions { MetresPerOpenJob = 3000 }).Select(s => s.Crew.CrewId));
    }

    [Fact]
    public void Equal_distance_falls_to_fewer_open_jobs_then_to_crew_id()
    {
        var crews = new[]
        {
            Crew("c", CrewStatus.Available, 21.2100, jobs: 1),
            Crew("b", CrewStatus.Available, 21.1900, jobs: 0),
            Crew("a", CrewStatus.Available, 21.2100, jobs: 1),
        };
        var ranked = CrewSuggestions.Rank(Incident, crews, Now, new DispatchOptions { MetresPerOpenJob = 0 });
        Assert.Equal(["b", "a", "c"], ranked.Select(s => s.Crew.CrewId));
        // Reordering the input changes nothing.
        Assert.Equal(["b", "a", "c"], CrewSuggestions.Rank(Incident, crews.Reverse(), Now, new DispatchOptions { MetresPerOpenJob = 0 }).Select(s => s.Crew.CrewId));
    }

    [Fact]
    public void Freshness_ends_at_the_configured_age()
    {
        var options = new DispatchOptions { FreshFor = Duration.FromMinutes(10) };
        var ranked = CrewSuggestions.Rank(Incident,
            [Crew("edge", CrewStatus.Available, 21.25, age: Duration.FromMinutes(10)),
             Crew("past", CrewStatus.Available, 21.21, age: Duration.FromMinutes(10) + Duration.FromSeconds(1))], Now, options);
        Assert.Equal([("edge", PositionState.Fresh), ("past", PositionState.Stale)], ranked.Select(s => (s.Crew.CrewId, s.Position)));
    }

    [Fact]
    public void Distance_is_haversine_in_metres()
    {
        Assert.Equal(0, Distance.Metres(Incident, Incident));
        Assert.InRange(Distance.Metres(Incident, new GeoPoint(21.21, 106.1)), 1110.951, 1112.951);
        // East–west along a parallel: R·cos φ·Δλ for a short step.
        Assert.InRange(Distance.Metres(Incident, new GeoPoint(21.2, 106.11)), 1035.698, 1037.698);
        Assert.Equal(Distance.Metres(Incident, new GeoPoint(21.3, 106.3)), Distance.Metres(new GeoPoint(21.3, 106.3), Incident), 6);
    }

    [Fact]
    public void No_crews_no_suggestions()
    {
        Assert.Empty(CrewSuggestions.Rank(Incident, [], Now, new DispatchOptions()));
        Assert.Empty(CrewSuggestions.Rank(Incident, [Crew("x", CrewStatus.OutOfService, 21.2)], Now, new DispatchOptions()));
    }
}
