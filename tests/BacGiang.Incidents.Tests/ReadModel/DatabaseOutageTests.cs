using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using Npgsql;
using Orleans.TestingHost;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>
/// PostgreSQL, where incidents' events live (issue 12), goes down while incidents are filed and worked: nothing is
/// accepted that is not stored — every filing and command fails while it is down, the incidents in memory give way
/// to fresh activations that read the log again — and once it is back everything accepted before is there, and work
/// goes on.
/// </summary>
public sealed class DatabaseOutageTests(ITestOutputHelper log) : IAsyncLifetime
{
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup-1");
    private PrivatePostgres postgres = null!;
    private NpgsqlDataSource database = null!;
    private InProcessTestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        postgres = await PrivatePostgres.StartAsync("outage-" + Guid.NewGuid().ToString("N")[..6]);
        database = NpgsqlDataSource.Create(postgres.ConnectionString);
        cluster = await InProcessCluster.StartAsync(postgres.ConnectionString);
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
    public async Task While_postgres_is_down_nothing_is_accepted_and_once_it_is_back_nothing_accepted_before_is_lost()
    {
        var before = new List<string>();
        for (var i = 0; i < 10; i++) before.Add(await File());
        Assert.Equal(10, (await new IncidentQueries(database, SystemClock.Instance).Inbox(Reports.DaiSon, default)).Incidents.Count);

        await postgres.Stop();
        var refused = 0;
        for (var i = 0; i < 5; i++)
        {
            var id = TrackingCode.NewRandom().Value;
            try
            {
                await cluster.Client.GetGrain<IIncidentGrain>(id).File(Reports.Garbage(), Actor.Citizen("app"));
            }
            catch (Exception e)
            {
                refused++;
                log.WriteLine($"[outage] filing refused: {e.GetType().Name}");
            }
        }
        foreach (var id in before.Take(5))
            await Assert.ThrowsAnyAsync<Exception>(() => cluster.Client.GetGrain<IIncidentGrain>(id).Execute(new Acknowledge(), Supervisor));
        Assert.Equal(5, refused);

        await postgres.Start();
        database.Clear(); // this test's own pooled connections died with the server

        // The five refused acknowledgements left nothing behind: the incidents read their log again and take them now.
        foreach (var id in before.Take(5))
            await Eventually.True(async () =>
            {
                try
                {
                    return (await cluster.Client.GetGrain<IIncidentGrain>(id).Execute(new Acknowledge(), Supervisor)).Succeeded;
                }
                catch (Exception)
                {
                    return false; // the silo's pool may still be finding the server again
                }
            }, $"{id} acknowledged once the database is back");
        before.Add(await File());
        Assert.Equal(11, await Count("SELECT count(*) FROM incidents"));
        Assert.Equal(27, await Count("SELECT count(*) FROM incident_events"));
        Assert.Equal(5, await Count("SELECT count(*) FROM incidents WHERE status = 'acknowledged' AND last_seq = 3"));
        foreach (var id in before)
            Assert.NotNull(await cluster.Client.GetGrain<IIncidentGrain>(id).Get());
    }
}
