using BacGiang.Incidents.Grains;
using BacGiang.Incidents.Silo;
using BacGiang.Incidents.Silo.Notifications;
using BacGiang.Incidents.ReadModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.TestingHost;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// One in-process silo on the real clock with in-memory grain state and reminders, and its read model in a real
/// PostgreSQL: for tests about timing (timers, reminders, retries) rather than storage.
/// </summary>
public static class RealClockCluster
{
    public static async Task<InProcessTestCluster> StartAsync(string dataDirectory, string readModelConnectionString)
    {
        var builder = new InProcessTestClusterBuilder(1);
        builder.ConfigureSilo((_, silo) => silo.UseIncidentStateSerializer().AddMemoryGrainStorage(StorageNames.Incidents)
            .AddMemoryGrainStorage(SiloSetup.StreamPubSubStore)
            .AddMemoryStreams(BacGiang.Incidents.ReadModel.LiveStreams.Provider).UseInMemoryReminderService());
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ReferenceData:Directory"] = dataDirectory,
                ["Routing:ServedCommunes:0"] = "07",
            });
            host.Services.AddIncidentDomain(host.Configuration);
            host.Services.AddSingleton(_ => NpgsqlDataSource.Create(readModelConnectionString));
            host.Services.AddPostgresReadModel();
            host.Services.AddPostgresNotifications();
        });
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
