using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Grains;
using BacGiang.Incidents.Silo;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Storage;

namespace BacGiang.Incidents.Tests.Storage;

/// <summary>
/// Our own PostgreSQL scripts (deploy/sql) against the real 10.4.2 ADO.NET providers: membership, grain state with
/// etag conflicts, reminders, and the migration runner itself.
/// </summary>
public sealed class OrleansProvidersTests : IAsyncLifetime
{
    private string connectionString = "";
    private readonly string clusterId = "providers-" + Guid.NewGuid().ToString("N")[..8];

    public async Task InitializeAsync() => connectionString = await TestPostgres.CreateDatabaseAsync("providers");

    public Task DisposeAsync() => TestPostgres.DropDatabaseAsync(connectionString);

    private Task<IHost> StartSilo() => PostgresSilo.StartAsync(connectionString, clusterId, FreePort.Next(), FreePort.Next());

    private async Task<List<(int Status, int Port)>> Members()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT status, port FROM orleansmembershiptable WHERE deploymentid = $1", connection);
        command.Parameters.AddWithValue(clusterId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(int, int)>();
        while (await reader.ReadAsync()) rows.Add((reader.GetInt32(0), reader.GetInt32(1)));
        return rows;
    }

    [Fact]
    public async Task The_dashboards_counter_sampler_is_replaced_by_ours_at_the_configured_interval()
    {
        using var silo = await StartSilo();
        try
        {
            // False if the package's host, or what this reaches in it by name, has changed: its sampler then still runs every second.
            Assert.True(silo.Services.GetRequiredService<DashboardCounterFeed>().Replaced);
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    [Fact]
    public async Task Incidents_and_inboxes_survive_a_full_restart_of_the_silo()
    {
        string id;
        var first = await StartSilo();
        try
        {
            Assert.Contains(await Members(), m => m.Status == 3);
            var grains = first.Services.GetRequiredService<IGrainFactory>();
            id = TrackingCode.NewRandom().Value;
            var filed = await grains.GetGrain<IIncidentGrain>(id).File(Reports.Garbage(), Actor.Citizen("app"));
            Assert.Equal(FileOutcome.Created, filed.Outcome);
            await grains.GetGrain<IIncidentGrain>(id).Execute(new Acknowledge(), new Actor(ActorRole.Supervisor, "s"));
        }
        finally
        {
            await first.StopAsync();
            first.Dispose();
        }
        Assert.All(await Members(), m => Assert.Equal(6, m.Status)); // a graceful stop leaves the silo Dead, not Active

        var second = await StartSilo();
        try
        {
            var grains = second.Services.GetRequiredService<IGrainFactory>();
            var incident = await grains.GetGrain<IIncidentGrain>(id).Get();
            Assert.Equal(IncidentStatus.Acknowledged, incident!.Status);
            Assert.Equal(3, incident.LastSeq);
            await using var database = NpgsqlDataSource.Create(connectionString);
            var inbox = await new IncidentQueries(database, NodaTime.SystemClock.Instance).Inbox(Reports.DaiSon, default);
            Assert.Equal(IncidentStatus.Acknowledged, Assert.Single(inbox.Incidents, i => i.IncidentId == id).Status);
        }
        finally
        {
            await second.StopAsync();
            second.Dispose();
        }
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_is_refused_and_changes_nothing()
    {
        using var host = await StartSilo();
        try
        {
            var storage = host.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Incidents);
            var grainId = GrainId.Create("incidentgrain", TrackingCode.NewRandom().Value);
            var a = new GrainState<IncidentState>(new IncidentState());
            var b = new GrainState<IncidentState>(new IncidentState());
            await storage.ReadStateAsync("incident", grainId, a);
            await storage.ReadStateAsync("incident", grainId, b);

            a.State!.NotifiedSeq = 1;
            await storage.WriteStateAsync("incident", grainId, a);
            b.State!.NotifiedSeq = 99;
            await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync("incident", grainId, b));

            var read = new GrainState<IncidentState>(new IncidentState());
            await storage.ReadStateAsync("incident", grainId, read);
            Assert.True(read.RecordExists);
            Assert.Equal(1, read.State!.NotifiedSeq);
            Assert.Equal(a.ETag, read.ETag);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Reminders_are_stored_read_back_and_removed()
    {
        using var host = await StartSilo();
        try
        {
            var table = host.Services.GetRequiredService<IReminderTable>();
            var grainId = GrainId.Create("incidentgrain", TrackingCode.NewRandom().Value);
            var entry = new ReminderEntry
            {
                GrainId = grainId, ReminderName = "deadline", StartAt = new DateTime(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc),
                Period = TimeSpan.FromMinutes(1),
            };
            var etag = await table.UpsertRow(entry);

            var read = await table.ReadRow(grainId, "deadline");
            Assert.NotNull(read);
            Assert.Equal(entry.StartAt, read.StartAt.ToUniversalTime());
            Assert.Equal(TimeSpan.FromMinutes(1), read.Period);
            Assert.Single((await table.ReadRows(grainId)).Reminders);
            var stale = (int.Parse(etag!) + 1).ToString();
            Assert.False(await table.RemoveRow(grainId, "deadline", stale));
            Assert.True(await table.RemoveRow(grainId, "deadline", etag!));
            Assert.Empty((await table.ReadRows(grainId)).Reminders);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task Migrations_apply_once_and_refuse_an_edited_history()
    {
        var migrator = new SchemaMigrator(connectionString, NullLogger.Instance);
        Assert.Empty(await migrator.MigrateAsync());

        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var tamper = new NpgsqlCommand("UPDATE schema_migrations SET checksum = 'edited' WHERE version = '0002'", connection);
            Assert.Equal(1, await tamper.ExecuteNonQueryAsync());
        }
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => migrator.MigrateAsync());
        Assert.Contains("V0002__orleans_clustering.sql was changed", e.Message);
    }
}
