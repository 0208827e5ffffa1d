using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Grains;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>
/// The incidents' log against a real PostgreSQL: events appended once with their read-model rows, read back whole,
/// a stale append refused, group commit, the one-time import of the previous version's incidents.
/// </summary>
public sealed class IncidentLogTests : IAsyncLifetime
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 2, 0);
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup-1");
    private readonly FakeClock clock = new(T0);
    private string connectionString = "";
    private NpgsqlDataSource database = null!;
    private PostgresIncidentLog projector = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("incidentlog");
        database = NpgsqlDataSource.Create(connectionString);
        projector = TestIncidentLog.Create(database, clock);
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
        foreach (var e in lifecycle.File(trackingCode, Priority.P3, Reports.Garbage() with { ReplyTo = "zalo-user-1", RequestFingerprint = "abc123" },
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

    /// <summary>What the incident appends when it holds the events up to <paramref name="from"/> and decides those up to <paramref name="to"/>.</summary>
    private Task Send(string id, IReadOnlyList<IncidentEvent> history, int from, int to) =>
        projector.Append(IncidentRecord.Of(id, IncidentLifecycle.Replay(history.Take(to)), null), history.Skip(from).Take(to - from).ToList());

    /// <summary>Events compare by their full stored JSON: records holding lists compare lists by reference.</summary>
    private static string Json(IEnumerable<IncidentEvent> events) =>
        System.Text.Json.JsonSerializer.Serialize(events.Select(e => (object)e).ToList(), IncidentJson.Options) +
        string.Join("|", events.OfType<IncidentReported>().Select(r => $"{r.Report.ReplyTo}/{r.Report.RequestFingerprint}"));

    private async Task<long> Scalar(string sql, string id)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(id);
        return Convert.ToInt64(await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Appended_events_read_back_whole_and_an_append_of_a_stored_seq_is_refused_changing_nothing()
    {
        var id = TrackingCode.NewRandom().Value;
        var history = History(id, new Acknowledge(), new Start());

        await Send(id, history, 0, 2);
        await Send(id, history, 2, 4);
        // A stale or duplicate activation appending over history it did not know of, or a filing of a code taken after
        // all: refused as a conflict, which leaves nothing unwritten (no projection counted as failing).
        await Assert.ThrowsAsync<IncidentLogConflictException>(() => Send(id, history, 2, 4));
        await Assert.ThrowsAsync<IncidentLogConflictException>(() => Send(id, History(id, new Reject { Reason = "trùng" }), 2, 3));
        await Assert.ThrowsAsync<IncidentLogConflictException>(() => Send(id, history, 0, 2));
        Assert.Equal(0, projector.Status().Failing);

        Assert.Equal(Json(history), Json((await projector.Read(id)).Events));
        Assert.Equal(4, await Scalar("SELECT count(*) FROM incident_events WHERE incident_id = $1", id));
        Assert.Equal(1, await Scalar("SELECT count(*) FROM reports WHERE incident_id = $1", id));
        Assert.Equal(4, await Scalar("SELECT last_seq FROM incidents WHERE incident_id = $1", id));
        var inbox = await new IncidentQueries(database, clock).Inbox(Reports.DaiSon, default);
        Assert.Equal(IncidentStatus.InProgress, Assert.Single(inbox.Incidents, i => i.IncidentId == id).Status);
        Assert.Empty((await projector.Read(TrackingCode.NewRandom().Value)).Events);
    }

    [Fact]
    public async Task Each_event_row_carries_the_event_as_json_for_the_audit_queries()
    {
        var id = TrackingCode.NewRandom().Value;
        var history = History(id, new Reject { Reason = "trùng với sự cố đã có" });
        await Send(id, history, 0, history.Count);

        await using var command = database.CreateCommand(
            "SELECT data->'report'->>'description', (SELECT data->>'reason' FROM incident_events WHERE incident_id = $1 AND type = 'Rejected') " +
            "FROM incident_events WHERE incident_id = $1 AND seq = 1");
        command.Parameters.AddWithValue(id);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(Reports.Garbage().Description, reader.GetString(0));
        Assert.Equal("trùng với sự cố đã có", reader.GetString(1));
    }

    [Fact]
    public async Task A_filing_over_the_toast_threshold_is_stored_compressed_by_lz4_and_reads_back_whole()
    {
        var id = TrackingCode.NewRandom().Value;
        var lifecycle = new IncidentLifecycle();
        Assert.True(TrackingCode.TryParse(id, out var code));
        // A long description (a report's limit is longer) makes the filing's row, in both stored forms, over 2 KB.
        var report = Reports.Garbage() with { Description = string.Concat(Enumerable.Repeat("Rác thải đổ trộm ven đường. ", 60)) };
        var filed = lifecycle.File(code, Priority.P3, report, RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0);

        await projector.Append(IncidentRecord.Of(id, IncidentLifecycle.Replay(filed), null), filed);

        Assert.Equal(1, await Scalar("SELECT count(*) FROM incident_events WHERE incident_id = $1 AND seq = 1 AND pg_column_compression(data) = 'lz4'", id));
        Assert.Equal(Json(filed), Json((await projector.Read(id)).Events));
    }

    [Fact]
    public async Task Incidents_sharing_a_commit_get_their_own_rows_with_every_field_of_their_reports()
    {
        var (a, b) = (TrackingCode.NewRandom().Value, TrackingCode.NewRandom().Value);
        var photos = new[] { "https://example.org/1.jpg", "https://example.org/2.jpg?size=large&x=1,2" };
        Task File(string id, ReportDetails report)
        {
            Assert.True(TrackingCode.TryParse(id, out var code));
            var lifecycle = new IncidentLifecycle();
            var events = lifecycle.File(code, Priority.P2, report, RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0);
            foreach (var e in events) lifecycle.Apply(e);
            return projector.Append(IncidentRecord.Of(id, lifecycle, null), events);
        }
        await Task.WhenAll(
            File(a, Reports.Garbage() with { Photos = photos, Location = new(21.27, 106.19), Address = "Thôn Đồng Gianh", Reporter = new("Trần Thị B", "0912345678") }),
            File(b, Reports.Garbage() with { Description = "Không ảnh, không chỗ" }));

        await using var command = database.CreateCommand("""
            SELECT r.incident_id, r.photos, r.lat, r.address, r.reporter_name, r.reporter_phone, i.priority, i.description, i.search_text
              FROM reports r JOIN incidents i USING (incident_id) WHERE r.incident_id = ANY($1) ORDER BY r.incident_id = $2 DESC
            """);
        command.Parameters.AddWithValue(new[] { a, b });
        command.Parameters.AddWithValue(a);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal(photos, reader.GetFieldValue<string[]>(1));
        Assert.Equal((21.27, "Thôn Đồng Gianh", "Trần Thị B", "0912345678", "P2"),
            (reader.GetDouble(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        Assert.Contains("dong gianh", reader.GetString(8));
        Assert.True(await reader.ReadAsync());
        Assert.Equal((b, 0, true, "Không ảnh, không chỗ"), (reader.GetString(0), reader.GetFieldValue<string[]>(1).Length, reader.IsDBNull(2), reader.GetString(7)));
    }

    [Fact]
    public async Task An_incident_of_the_previous_version_is_imported_once_whatever_the_read_model_had_of_it()
    {
        var id = TrackingCode.NewRandom().Value;
        var history = History(id, new Acknowledge(), new Start());
        // As the previous version left it: the first two events projected (public JSON only), the rest still in its outbox.
        await Send(id, history, 0, 2);
        await using (var command = database.CreateCommand("UPDATE incident_events SET event = NULL WHERE incident_id = $1"))
        {
            command.Parameters.AddWithValue(id);
            await command.ExecuteNonQueryAsync();
        }
        await Assert.ThrowsAsync<InvalidOperationException>(() => projector.Read(id));
        // Listed by the migration as having state of an earlier version: read without the rows it will fill in.
        await using (var command = database.CreateCommand("INSERT INTO incident_legacy_state VALUES ($1)"))
        {
            command.Parameters.AddWithValue(id);
            await command.ExecuteNonQueryAsync();
        }
        var before = await projector.Read(id);
        Assert.True(before.HasLegacyState);
        Assert.Empty(before.Events);

        var record = IncidentRecord.Of(id, IncidentLifecycle.Replay(history), null);
        var deliveries = new IncidentDeliveries { CitizenNotifiedSeq = 3, NotifiedSeq = 2, SplitsFiled = [7] };
        await projector.Import(record, history, deliveries);
        await projector.Import(record, history, deliveries);

        Assert.Equal(Json(history), Json((await projector.Read(id)).Events));
        Assert.Equal(4, await Scalar("SELECT last_seq FROM incidents WHERE incident_id = $1", id));
        var read = await projector.Read(id);
        Assert.Equal((3L, 2L, false, "7", false),
            (read.Deliveries.CitizenNotifiedSeq, read.Deliveries.NotifiedSeq, read.Deliveries.MergeDelivered, string.Join(",", read.Deliveries.SplitsFiled), read.HasLegacyState));
    }

    [Fact]
    public async Task Deliveries_are_saved_and_read_back_with_the_events_in_one_read()
    {
        var id = TrackingCode.NewRandom().Value;
        var history = History(id, new Acknowledge());
        await Send(id, history, 0, 3);
        Assert.Equal(0, (await projector.Read(id)).Deliveries.CitizenNotifiedSeq);

        await projector.SaveDeliveries(id, new IncidentDeliveries { CitizenNotifiedSeq = 3, NotifiedSeq = 1, MergeDelivered = true });
        var read = await projector.Read(id);
        Assert.Equal(3, read.Events.Count);
        Assert.Equal((3L, 1L, true), (read.Deliveries.CitizenNotifiedSeq, read.Deliveries.NotifiedSeq, read.Deliveries.MergeDelivered));
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

    [Fact]
    public async Task The_outcome_the_body_referred_to_and_the_ratings_are_written_with_the_events_and_a_reopening_clears_the_outcome()
    {
        var id = TrackingCode.NewRandom().Value;
        var lifecycle = IncidentLifecycle.Replay(History(id, new Acknowledge(), new Start(),
            new Resolve { Outcome = ResolutionOutcome.NotResponsible, ReferredTo = "Công ty Điện lực Bắc Giang", Note = "cột điện của EVN" }));
        await projector.Append(IncidentRecord.Of(id, lifecycle, null), lifecycle.Events);
        Assert.Equal("not_responsible|Công ty Điện lực Bắc Giang",
            await Text("SELECT outcome || '|' || referred_to FROM incidents WHERE incident_id = $1", id));

        var held = lifecycle.LastSeq;
        foreach (var (actor, stars, channel) in new[] { (Actor.Citizen("tracking-code"), 2, "web"), (Actor.Citizen("zalo:1"), 5, "zalo") })
            foreach (var e in lifecycle.Decide(new Rate { Stars = stars, Comment = "ý kiến " + channel, Channel = channel }, actor, T0 + Duration.FromHours(1)).Events)
                lifecycle.Apply(e);
        await projector.Append(IncidentRecord.Of(id, lifecycle, null), lifecycle.Events.Skip((int)held).ToList());
        Assert.Equal("web:2:ý kiến web,zalo:5:ý kiến zalo",
            await Text("SELECT string_agg(channel || ':' || stars || ':' || comment, ',' ORDER BY seq) FROM incident_ratings WHERE incident_id = $1", id));

        held = lifecycle.LastSeq;
        foreach (var e in lifecycle.Decide(new Reopen { Reason = "vẫn mất điện" }, Actor.Citizen("tracking-code"), T0 + Duration.FromHours(2)).Events) lifecycle.Apply(e);
        await projector.Append(IncidentRecord.Of(id, lifecycle, null), lifecycle.Events.Skip((int)held).ToList());
        Assert.Equal("in_progress||", await Text("SELECT status || '|' || coalesce(outcome, '') || '|' || coalesce(referred_to, '') FROM incidents WHERE incident_id = $1", id));
        Assert.Equal(2, await Scalar("SELECT count(*) FROM incident_ratings WHERE incident_id = $1", id));
    }

    private async Task<string?> Text(string sql, string id)
    {
        await using var command = database.CreateCommand(sql);
        command.Parameters.AddWithValue(id);
        return await command.ExecuteScalarAsync() as string;
    }
}
