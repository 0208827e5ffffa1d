using System.Text.Json;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace BacGiang.Incidents.Tests.Cluster;

/// <summary>
/// Snapshots in PostgreSQL (ADR 0002): an incident writes one with its appends every few events (5 here, 200 by
/// default), a new activation starts from it and the events after it and answers as the old one did, and retention
/// deletes it with the rest of the reporter's data.
/// </summary>
public sealed class IncidentSnapshotStorageTests : IAsyncLifetime
{
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup");
    private readonly FakeClock clock = new(Instant.FromUtc(2026, 11, 23, 2, 0));
    private InProcessTestCluster cluster = null!;
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("snapshots");
        cluster = await InProcessCluster.StartAsync(connectionString, clock: clock, settings: new Dictionary<string, string?>
        {
            ["Snapshots:MinEvents"] = "5",
            // Every 5 events, however large the snapshot (by default it is spread at 64 bytes per event).
            ["Snapshots:BytesPerEvent"] = "1000000",
        });
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    private async Task<long?> StoredSnapshot(string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT seq FROM incident_snapshots WHERE incident_id = $1", connection);
        command.Parameters.AddWithValue(id);
        return (long?)await command.ExecuteScalarAsync();
    }

    /// <summary>Deactivates every idle incident, so the next call reads the log again.</summary>
    private async Task DeactivateIncidents()
    {
        var management = cluster.Client.GetGrain<IManagementGrain>(0);
        await management.ForceActivationCollection(TimeSpan.Zero);
        await Eventually.True(async () => !(await management.GetSimpleGrainStatistics())
            .Any(s => s.GrainType.Contains(nameof(Grains.IncidentGrain), StringComparison.Ordinal) && s.ActivationCount > 0), "no incident activation left");
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, IncidentJson.Options);

    [Fact]
    public async Task A_new_activation_starts_from_the_snapshot_and_answers_as_the_old_one_did()
    {
        var id = TrackingCode.NewRandom().Value;
        var incident = cluster.Client.GetGrain<IIncidentGrain>(id);
        var report = Reports.Garbage() with { Category = "fire", Reporter = new Reporter("Nguyễn Văn Snapshot", "0912000555") };
        Assert.Equal(FileOutcome.Created, (await incident.File(report, Actor.Citizen("app"))).Outcome);
        Assert.Null(await StoredSnapshot(id));
        for (var i = 1; i <= 11; i++)
        {
            clock.Advance(Duration.FromSeconds(10));
            Assert.True((await incident.Execute(new AddNote { Text = $"Ghi chú {i}", CommandId = $"note-{i}" }, Supervisor)).Succeeded);
        }
        // Seq 5 was the first with 5 events since none (seq 0); the next came 5 events later.
        Assert.Equal(10, await StoredSnapshot(id));

        var view = Json(await incident.Get());
        var timeline = Json(await incident.GetTimeline());
        var sla = Json(await incident.GetSla());
        await DeactivateIncidents();

        Assert.Equal(view, Json(await incident.Get()));
        Assert.Equal(timeline, Json(await incident.GetTimeline()));
        Assert.Equal(sla, Json(await incident.GetSla()));
        Assert.Equal(13, (await incident.GetTimeline()).Count);
        // The idempotency of a command from before the snapshot, and the next seq after it.
        Assert.Equal(CommandResultKind.Replayed, (await incident.Execute(new AddNote { Text = "Ghi chú 3", CommandId = "note-3" }, Supervisor)).Kind);
        var next = await incident.Execute(new AddNote { Text = "Ghi chú 12", CommandId = "note-12" }, Supervisor);
        Assert.Equal((true, 14L), (next.Succeeded, next.Seq));

        // Retention: the snapshot folds the report in, so it goes with the reporter's data.
        Assert.True((await incident.Execute(new Reject { Reason = "Báo nhầm" }, Supervisor)).Succeeded);
        Assert.True(await incident.ErasePersonalData(Duration.Zero));
        Assert.Null(await StoredSnapshot(id));
        await DeactivateIncidents();
        var erased = await incident.Get();
        Assert.Equal((IncidentStatus.Rejected, 16L, (Reporter?)null), (erased!.Status, erased.LastSeq, erased.Report!.Reporter));
    }

    private async Task<int> Sql(string sql, string id)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue(id);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>A new incident (its filing is seq 1 and 2) with <paramref name="notes"/> notes after it.</summary>
    private async Task<(string Id, IIncidentGrain Incident)> FiledWithNotes(int notes, ReportDetails? report = null)
    {
        var id = TrackingCode.NewRandom().Value;
        var incident = cluster.Client.GetGrain<IIncidentGrain>(id);
        Assert.Equal(FileOutcome.Created, (await incident.File(report ?? Reports.Garbage(), Actor.Citizen("app"))).Outcome);
        for (var i = 1; i <= notes; i++)
            Assert.True((await incident.Execute(new AddNote { Text = $"Ghi chú {i}" }, Supervisor)).Succeeded);
        return (id, incident);
    }

    [Fact]
    public async Task An_activation_reads_the_snapshot_and_only_the_events_after_it()
    {
        var (id, incident) = await FiledWithNotes(6);
        Assert.Equal(5, await StoredSnapshot(id));
        var view = Json(await incident.Get());
        await DeactivateIncidents();

        // Without the events the snapshot holds, an activation that needed them could not answer at all.
        Assert.Equal(5, await Sql("DELETE FROM incident_events WHERE incident_id = $1 AND seq <= 5", id));
        Assert.Equal(view, Json(await incident.Get()));
        var next = await incident.Execute(new AddNote { Text = "Ghi chú 7" }, Supervisor);
        Assert.Equal((true, 9L), (next.Succeeded, next.Seq));
    }

    [Fact]
    public async Task A_snapshot_that_cannot_be_read_or_of_another_format_is_ignored_and_the_whole_log_replayed()
    {
        var (id, incident) = await FiledWithNotes(4);
        Assert.Equal(5, await StoredSnapshot(id));
        var view = Json(await incident.Get());

        // Bytes this version cannot read, under its own format.
        Assert.Equal(1, await Sql("UPDATE incident_snapshots SET state = '\\x00'::bytea WHERE incident_id = $1", id));
        await DeactivateIncidents();
        Assert.Equal(view, Json(await incident.Get()));

        // A snapshot some later version wrote, of a format this one does not know.
        Assert.Equal(1, await Sql("UPDATE incident_snapshots SET format = format + 1 WHERE incident_id = $1", id));
        await DeactivateIncidents();
        Assert.Equal(view, Json(await incident.Get()));
        Assert.Equal(6, (await incident.GetTimeline()).Count);
    }

    [Fact]
    public async Task A_snapshot_left_from_before_a_redaction_is_not_used_and_the_retention_sweep_deletes_it()
    {
        var (id, incident) = await FiledWithNotes(4, Reports.Garbage() with { Reporter = new Reporter("Trần Thị Trước", "0912000777") });
        Assert.True((await incident.Execute(new Reject { Reason = "Báo nhầm" }, Supervisor)).Succeeded);
        Assert.Equal(5, await StoredSnapshot(id));

        // What retention on a silo of the version before snapshots did, during a rolling upgrade: the events redacted
        // and the marker appended, and the snapshot (which folds the reporter in) left where it was.
        var history = await incident.GetTimeline();
        await DeactivateIncidents();
        await using var database = NpgsqlDataSource.Create(connectionString);
        await using (var log = TestIncidentLog.Create(database, clock))
        {
            var redacted = history.Select(PersonalDataRedactor.Redact).ToList();
            var marker = new PersonalDataRedacted
            {
                Seq = history.Count + 1, At = clock.GetCurrentInstant(), Actor = Actor.System, Classes = [PersonalDataRedactor.ReporterContact], Rule = "test",
            };
            await Sql("CREATE TABLE kept_snapshot AS SELECT * FROM incident_snapshots WHERE incident_id = $1", id);
            await log.Redact(IncidentRecord.Of(id, IncidentLifecycle.Replay([.. redacted, marker]), null), redacted, marker, []);
            Assert.Null(await StoredSnapshot(id));
            Assert.Equal(1, await Sql("INSERT INTO incident_snapshots SELECT * FROM kept_snapshot WHERE incident_id = $1", id));
        }

        // The next activation does not take the erased reporter back from it...
        var view = await incident.Get();
        Assert.Equal((IncidentStatus.Rejected, (Reporter?)null), (view!.Status, view.Report!.Reporter));
        // ...and the sweep deletes it.
        Assert.Equal(1, await RetentionSweeper.DeleteSnapshotsFromBeforeRedaction(database));
        Assert.Null(await StoredSnapshot(id));
    }
}
