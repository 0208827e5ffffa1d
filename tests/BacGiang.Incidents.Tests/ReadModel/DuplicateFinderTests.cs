using BacGiang.Incidents.Domain;
using BacGiang.Incidents.FieldDispatch;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>
/// The duplicate lookup against PostgreSQL: the box narrows, the great-circle distance decides, and only open incidents
/// of the category reported within the window count.
/// </summary>
public sealed class DuplicateFinderTests : IAsyncLifetime
{
    private const double Radius = 150;
    private static readonly GeoPoint Here = new(21.2731, 106.1946);
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 3, 3, 0);
    private static readonly Instant Since = Now - Duration.FromHours(24);

    private NpgsqlDataSource database = null!;
    private PostgresDuplicateFinder finder = null!;

    public async Task InitializeAsync()
    {
        database = NpgsqlDataSource.Create(await TestPostgres.CreateDatabaseAsync("duplicates"));
        finder = new PostgresDuplicateFinder(database, Options.Create(new LookupOptions()));
    }

    public async Task DisposeAsync()
    {
        await finder.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task The_nearest_open_incident_of_the_category_within_the_radius_is_the_duplicate()
    {
        await Incident("FAR", North(120));
        await Incident("NEAR", North(40));
        await Incident("NEARER-BUT-OTHER-CATEGORY", North(10), category: "flooding");

        var lookup = await finder.Lookup("BG-NEW", Query());

        Assert.Equal("NEAR", lookup.Duplicate);
        Assert.False(lookup.CodeTaken);
    }

    [Fact]
    public async Task An_incident_in_the_box_but_beyond_the_radius_is_not_a_duplicate()
    {
        // The box's corner: inside the box on both axes, yet √2 × 140 ≈ 198 m away.
        var corner = new GeoPoint(North(140).Lat, East(140).Lon);
        Assert.True(Distance.Metres(Here, corner) > Radius);
        await Incident("CORNER", corner);

        Assert.Null((await finder.Lookup("BG-NEW", Query())).Duplicate);
    }

    [Theory]
    [InlineData("resolved")]
    [InlineData("closed")]
    [InlineData("rejected")]
    [InlineData("merged")]
    public async Task An_incident_no_longer_open_is_not_a_duplicate(string status)
    {
        await Incident("ENDED", North(20), status: status);

        Assert.Null((await finder.Lookup("BG-NEW", Query())).Duplicate);
    }

    [Fact]
    public async Task An_incident_reported_before_the_window_is_not_a_duplicate()
    {
        await Incident("OLD", North(20), reported: Since - Duration.FromMinutes(1));
        await Incident("JUST-IN", North(60), reported: Since);

        Assert.Equal("JUST-IN", (await finder.Lookup("BG-NEW", Query())).Duplicate);
    }

    [Fact]
    public async Task A_code_with_events_is_taken_and_one_without_is_not()
    {
        await Taken("BG-TAKEN");

        Assert.True((await finder.Lookup("BG-TAKEN", null)).CodeTaken);
        Assert.False((await finder.Lookup("BG-FREE", null)).CodeTaken);
    }

    [Fact]
    public async Task Lookups_sent_together_each_get_their_own_answer()
    {
        // Ten places 1 km apart along a meridian, each with an incident, and one taken code.
        var places = Enumerable.Range(0, 10).Select(k => North(1_000 * k)).ToList();
        for (var k = 0; k < places.Count; k++) await Incident($"AT-{k}", places[k]);
        await Taken("BG-TAKEN");
        // One sender and small batches: the forty lookups queue behind each other and go in several statements.
        await using var batched = new PostgresDuplicateFinder(database, Options.Create(new LookupOptions { Senders = 1, MaxBatch = 7 }));

        // Every fourth: a new code near an incident, a new code where there is none, the taken code near one, the taken code without a place.
        var asks = Enumerable.Range(0, 40).Select(i => (i % 4) switch
        {
            0 => new LookupCase($"BG-{i}", Query() with { At = places[i / 4] }, new IntakeLookup(false, $"AT-{i / 4}")),
            1 => new LookupCase($"BG-{i}", Query() with { At = East(300) }, new IntakeLookup(false, null)),
            2 => new LookupCase("BG-TAKEN", Query() with { At = places[i / 4] }, new IntakeLookup(true, $"AT-{i / 4}")),
            _ => new LookupCase("BG-TAKEN", null, new IntakeLookup(true, null)),
        }).ToList();
        var answers = await Task.WhenAll(asks.Select(a => batched.Lookup(a.Code, a.Query)));

        Assert.Equal(asks.Select(a => a.Expected), answers);
    }

    private sealed record LookupCase(string Code, DuplicateQuery? Query, IntakeLookup Expected);

    private static DuplicateQuery Query() => new("fire", Here, Since, Radius);

    private static GeoPoint North(double metres) => Here with { Lat = Here.Lat + metres / 111_320 };

    private static GeoPoint East(double metres) => Here with { Lon = Here.Lon + metres / (111_320 * Math.Cos(Here.Lat * Math.PI / 180)) };

    /// <summary>An incident's first event under <paramref name="code"/>, all the lookup looks for.</summary>
    private async Task Taken(string code)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO incident_events (incident_id, seq, type, at, actor_kind, actor_role, actor_id, data)
            VALUES ($1, 1, 'Reported', now(), 'citizen', 'citizen', 'app', '{}')
            """);
        command.Parameters.AddWithValue(code);
        await command.ExecuteNonQueryAsync();
    }

    private async Task Incident(string id, GeoPoint at, string category = "fire", string status = "assigned", Instant? reported = null)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO incidents (incident_id, last_seq, tracking_code, status, category, priority, commune, agency, channel, description,
                                   lat, lon, reported_at, updated_at)
            VALUES ($1, 2, $1, $2, $3, 'P1', '07534', 'fire-police', 'app', 'fixture', $4, $5, $6, $6)
            """);
        var p = command.Parameters;
        p.AddWithValue(id);
        p.AddWithValue(status);
        p.AddWithValue(category);
        p.AddWithValue(at.Lat);
        p.AddWithValue(at.Lon);
        p.AddWithValue((reported ?? Now - Duration.FromMinutes(5)).ToDateTimeUtc());
        await command.ExecuteNonQueryAsync();
    }
}
