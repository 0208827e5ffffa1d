using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>
/// The SLA alarms against a real PostgreSQL: written with the incident's append, taken by one sweep at a time, and
/// settled to what the incident answered unless the incident moved its alarm meanwhile.
/// </summary>
public sealed class SlaAlarmTests : IAsyncLifetime
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 2, 0);
    private readonly FakeClock clock = new(T0);
    private string connectionString = "";
    private NpgsqlDataSource database = null!;
    private PostgresIncidentLog log = null!;
    private SlaAlarms alarms = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("slaalarms");
        database = NpgsqlDataSource.Create(connectionString);
        log = TestIncidentLog.Create(database, clock);
        alarms = new SlaAlarms(database);
    }

    public async Task DisposeAsync()
    {
        await log.DisposeAsync();
        await database.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    /// <summary>Files an incident whose append sets its alarm to <paramref name="wakeAt"/>; answers its lifecycle for later appends.</summary>
    private async Task<IncidentLifecycle> File(string id, Instant? wakeAt)
    {
        var lifecycle = new IncidentLifecycle();
        Assert.True(TrackingCode.TryParse(id, out var code));
        var events = lifecycle.File(code, Priority.P3, Reports.Garbage(), RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0);
        foreach (var e in events) lifecycle.Apply(e);
        await log.Append(IncidentRecord.Of(id, lifecycle, null) with { WakeAt = wakeAt }, events);
        return lifecycle;
    }

    private Task Acknowledge(string id, IncidentLifecycle lifecycle, Instant? wakeAt)
    {
        var decision = lifecycle.Decide(new Acknowledge(), new Actor(ActorRole.CommuneOfficer, "officer-1"), T0 + Duration.FromMinutes(1));
        foreach (var e in decision.Events) lifecycle.Apply(e);
        return log.Append(IncidentRecord.Of(id, lifecycle, null) with { WakeAt = wakeAt }, decision.Events);
    }

    [Fact]
    public async Task An_append_sets_or_clears_the_alarm_with_its_events()
    {
        var at = T0 + Duration.FromHours(4);
        var lifecycle = await File("BG-AAAA-AAAA", at);
        Assert.Equal(at, await alarms.Of("BG-AAAA-AAAA"));
        Assert.Null(await alarms.Of("BG-AAAA-AAAB"));

        await Acknowledge("BG-AAAA-AAAA", lifecycle, null);
        Assert.Null(await alarms.Of("BG-AAAA-AAAA"));
    }

    [Fact]
    public async Task A_sweep_takes_only_due_alarms_and_no_second_sweep_takes_them_while_leased()
    {
        await File("BG-BBBB-BBB4", T0 + Duration.FromMinutes(2));
        await File("BG-BBBB-BBB2", T0 + Duration.FromMinutes(1));
        await File("BG-BBBB-BBB5", T0 + Duration.FromHours(1));
        var lease = T0 + Duration.FromMinutes(10);

        var taken = await alarms.Take(T0 + Duration.FromMinutes(5), lease, 10);
        Assert.Equal(["BG-BBBB-BBB2", "BG-BBBB-BBB4"], taken.Select(t => t.IncidentId).Order());
        Assert.Equal(lease, await alarms.Of("BG-BBBB-BBB4"));
        Assert.DoesNotContain(await alarms.Take(T0 + Duration.FromMinutes(5), lease, 10), t => t.IncidentId.StartsWith("BG-BBBB"));
        // Once the lease has run out (the silo that took them died), another sweep takes them.
        Assert.Contains(await alarms.Take(lease, lease + Duration.FromMinutes(10), 10), t => t.IncidentId == "BG-BBBB-BBB4");
    }

    [Fact]
    public async Task Settling_sets_what_the_incident_answered_but_never_over_an_append_made_meanwhile()
    {
        await File("BG-CCCC-CCC4", T0);
        var busy = await File("BG-CCCC-CCC2", T0);
        await File("BG-CCCC-CCC5", T0);
        var taken = await alarms.Take(T0 + Duration.FromMinutes(1), T0 + Duration.FromMinutes(10), 10);
        Assert.Equal(3, taken.Count(t => t.IncidentId.StartsWith("BG-CCCC")));

        // While the sweep wakes them, the busy one appends and moves its own alarm.
        var moved = T0 + Duration.FromHours(2);
        await Acknowledge("BG-CCCC-CCC2", busy, moved);
        var next = T0 + Duration.FromHours(1);
        await alarms.Settle(taken.Where(t => t.IncidentId.StartsWith("BG-CCCC"))
            .Select(t => (t, t.IncidentId == "BG-CCCC-CCC5" ? (Instant?)null : next)).ToList());

        Assert.Equal(next, await alarms.Of("BG-CCCC-CCC4"));
        Assert.Equal(moved, await alarms.Of("BG-CCCC-CCC2"));
        Assert.Null(await alarms.Of("BG-CCCC-CCC5"));
    }

    [Fact]
    public async Task A_sweep_gets_the_longest_due_first_and_an_alarm_given_back_is_due_as_before()
    {
        await File("BG-DDDD-DDD4", T0 + Duration.FromMinutes(3));
        await File("BG-DDDD-DDD2", T0 + Duration.FromMinutes(1));
        await File("BG-DDDD-DDD5", T0 + Duration.FromMinutes(2));
        var lease = T0 + Duration.FromMinutes(10);

        var taken = (await alarms.Take(T0 + Duration.FromMinutes(5), lease, 10)).Where(t => t.IncidentId.StartsWith("BG-DDDD")).ToList();
        Assert.Equal(["BG-DDDD-DDD2", "BG-DDDD-DDD5", "BG-DDDD-DDD4"], taken.Select(t => t.IncidentId));
        Assert.Equal(T0 + Duration.FromMinutes(1), taken[0].Due);

        // A stopping silo gives back what it has not woken: the next sweep finds it due as it was, without the lease.
        await alarms.Settle([(taken[0], taken[0].Due)]);
        Assert.Equal(T0 + Duration.FromMinutes(1), await alarms.Of("BG-DDDD-DDD2"));
        Assert.Contains(await alarms.Take(T0 + Duration.FromMinutes(5), lease, 10), t => t.IncidentId == "BG-DDDD-DDD2");
    }
}
