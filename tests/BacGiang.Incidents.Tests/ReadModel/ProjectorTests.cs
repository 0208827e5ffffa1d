using BacGiang.Incidents.Api.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Grains.ReadModel;
using BacGiang.Incidents.Silo.ReadModel;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>The batched projector against a real PostgreSQL read model: re-delivery, stale deliveries, batches.</summary>
public sealed class ProjectorTests : IAsyncLifetime
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 2, 0);
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup-1");
    private readonly FakeClock clock = new(T0);
    private string connectionString = "";
    private NpgsqlDataSource database = null!;
    private PostgresReadModelProjector projector = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("projector");
        database = NpgsqlDataSource.Create(connectionString);
        projector = new PostgresReadModelProjector(database, clock, Options.Create(new ProjectionOptions()), NullLogger<PostgresReadModelProjector>.Instance);
    }

    public async Task DisposeAsync()
    {
        await projector.DisposeAsync();
        await database.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    /// <summary>An incident's history: filed and routed to Đại Sơn / urenco, then each command in turn a minute apart.</summary>
    private static IReadOnlyList<IncidentEvent> History(string code, params IncidentCommand[] commands)
    {
        var lifecycle = new IncidentLifecycle();
        Assert.True(TrackingCode.TryParse(code, out var trackingCode));
        foreach (var e in lifecycle.File(trackingCode, Priority.P3, Reports.Garbage(),
                     RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0))
            lifecycle.Apply(e);
        foreach (var command in commands)
        {
            var decision = lifecycle.Decide(command, Supervisor, T0 + Duration.FromMinutes(lifecycle.LastSeq));
            Assert.True(decision.Result.Succeeded, decision.Result.Message);
            foreach (var e in decision.Events) lifecycle.Apply(e);
        }
        return lifecycle.Events;
    }

    /// <summary>What the incident sends when its outbox holds the events after <paramref name="from"/> up to <paramref name="to"/>.</summary>
    private Task Send(string id, IReadOnlyList<IncidentEvent> history, int from, int to) =>
        projector.Project(IncidentRecord.Of(id, IncidentLifecycle.Replay(history.Take(to)), null), history.Skip(from).Take(to - from).ToList());

    private async Task<long> Scalar(string sql, string id)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(id);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Events_are_projected_once_even_when_delivered_twice_and_a_late_copy_changes_nothing()
    {
        var id = TrackingCode.NewRandom().Value;
        var history = History(id, new Acknowledge(), new Start());

        await Send(id, history, 0, 2);
        // A crash before ProjectedSeq was saved: the incident re-sends from the start, with more.
        await Send(id, history, 0, 3);
        // Two copies of the same delivery racing into one batch, then an old copy arriving last.
        await Task.WhenAll(Send(id, history, 2, 4), Send(id, history, 2, 4));
        await Send(id, history, 0, 2);

        Assert.Equal(4, await Scalar("SELECT count(*) FROM incident_events WHERE incident_id = $1", id));
        Assert.Equal(10, await Scalar("SELECT sum(seq) FROM incident_events WHERE incident_id = $1", id));
        Assert.Equal(1, await Scalar("SELECT count(*) FROM reports WHERE incident_id = $1", id));
        Assert.Equal(4, await Scalar("SELECT last_seq FROM incidents WHERE incident_id = $1", id));
        var inbox = await new IncidentQueries(database, clock).Inbox(Reports.DaiSon, default);
        Assert.Equal(IncidentStatus.InProgress, Assert.Single(inbox.Incidents, i => i.IncidentId == id).Status);
    }

    [Fact]
    public async Task Incidents_projected_at_the_same_time_share_batches_and_all_arrive()
    {
        var ids = Enumerable.Range(0, 2000).Select(_ => TrackingCode.NewRandom().Value).ToList();

        await Task.WhenAll(ids.Select(id => Send(id, History(id), 0, 2)));

        var queue = await new IncidentQueries(database, clock).Queue("urenco", default);
        Assert.Equal(2000, queue.CountsByStatus[IncidentStatus.Assigned]);
        await using var command = database.CreateCommand("SELECT count(*) FROM incident_events WHERE incident_id = ANY($1)");
        command.Parameters.AddWithValue(ids.ToArray());
        Assert.Equal(4000L, await command.ExecuteScalarAsync());
        Assert.Equal(4000, projector.Status().ProjectedEvents);
        Assert.Equal((0, 0), (projector.Status().Pending, projector.Status().Failing));
    }

    [Fact]
    public async Task Inboxes_sort_by_the_nearest_running_deadline_and_flag_the_overdue()
    {
        var late = TrackingCode.NewRandom().Value;
        var early = TrackingCode.NewRandom().Value;
        var met = TrackingCode.NewRandom().Value;
        await Send(late, History(late), 0, 2);
        await Send(early, History(early), 0, 2);
        await Send(met, History(met, new Acknowledge()), 0, 3);
        await using (var command = database.CreateCommand("""
            UPDATE incidents SET ack_due = CASE incident_id WHEN $1 THEN $4 WHEN $2 THEN $5 END, resolve_due = $6
             WHERE incident_id IN ($1, $2, $3)
            """))
        {
            command.Parameters.AddWithValue(late);
            command.Parameters.AddWithValue(early);
            command.Parameters.AddWithValue(met);
            command.Parameters.AddWithValue((T0 + Duration.FromMinutes(30)).ToDateTimeUtc());
            command.Parameters.AddWithValue((T0 + Duration.FromMinutes(5)).ToDateTimeUtc());
            command.Parameters.AddWithValue((T0 + Duration.FromHours(8)).ToDateTimeUtc());
            await command.ExecuteNonQueryAsync();
        }
        clock.AdvanceMinutes(10);

        var inbox = await new IncidentQueries(database, clock).Inbox(Reports.DaiSon, default);

        Assert.Equal([early, late, met], inbox.Incidents.Select(i => i.IncidentId).Where(new[] { late, early, met }.Contains));
        Assert.Equal([true, false, false], inbox.Incidents.Where(i => i.IncidentId == early || i.IncidentId == late || i.IncidentId == met).Select(i => i.Overdue));
        Assert.Equal(1, inbox.Overdue);
    }
}
