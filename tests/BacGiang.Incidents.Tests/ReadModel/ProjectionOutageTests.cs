using BacGiang.Incidents.Api.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using Npgsql;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>
/// The read model's own PostgreSQL goes down while incidents keep being filed and worked (their grain state is
/// elsewhere here, so they are accepted): the projection falls behind, says so, and catches up once the database
/// is back, losing nothing.
/// </summary>
public sealed class ProjectionOutageTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup-1");
    private PrivatePostgres postgres = null!;
    private NpgsqlDataSource database = null!;
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        postgres = await PrivatePostgres.StartAsync("outage-" + Guid.NewGuid().ToString("N")[..6]);
        database = NpgsqlDataSource.Create(postgres.ConnectionString);
        cluster = await RealClockCluster.StartAsync(Repo.DataDirectory, postgres.ConnectionString);
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await database.DisposeAsync();
        await postgres.DisposeAsync();
    }

    private async Task<string> File()
    {
        var id = TrackingCode.NewRandom().Value;
        Assert.Equal(FileOutcome.Created, (await cluster.Client.GetGrain<IIncidentGrain>(id).File(Reports.Garbage(), Actor.Citizen("app"))).Outcome);
        return id;
    }

    private async Task<long> Count(string sql)
    {
        await using var command = database.CreateCommand(sql);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task The_projection_catches_up_after_postgres_is_stopped_and_started_again_with_nothing_lost()
    {
        var before = new List<string>();
        for (var i = 0; i < 10; i++) before.Add(await File());
        Assert.Equal(10, (await new IncidentQueries(database, SystemClock.Instance).Inbox(Reports.DaiSon, default)).Incidents.Count);

        await postgres.Stop();
        var during = new List<string>();
        for (var i = 0; i < 10; i++) during.Add(await File());
        foreach (var id in before.Take(5))
            Assert.True((await cluster.Client.GetGrain<IIncidentGrain>(id).Execute(new Acknowledge(), Supervisor)).Succeeded);

        var monitor = cluster.Client.GetGrain<IProjectionMonitorGrain>(0);
        await Eventually.True(async () => (await monitor.Get()).Failing == 15, "the monitor reports the 15 incidents behind");
        var behind = await monitor.Get();
        log.WriteLine($"[outage] behind: {behind.Failing} failing, lag {behind.Lag}");
        Assert.True(behind.Lag > Duration.Zero);

        await postgres.Start();
        database.Clear(); // this test's own pooled connections died with the server

        await Eventually.True(async () => await Count("SELECT count(*) FROM incident_events") == 45,
            "all 45 events (20 incidents × 2, 5 acknowledgements) in the read model");
        Assert.Equal(20, await Count("SELECT count(*) FROM incidents"));
        Assert.Equal(20, await Count("SELECT count(*) FROM reports"));
        Assert.Equal(5, await Count("SELECT count(*) FROM incidents WHERE status = 'acknowledged' AND last_seq = 3"));
        await Eventually.True(async () => (await monitor.Get()) is { Failing: 0, Pending: 0 } report && report.Lag == Duration.Zero,
            "the monitor reports the projection caught up");
    }
}
