using BacGiang.Incidents.Grains;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Silo;
using BacGiang.Incidents.Silo.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Npgsql;
using Orleans.TestingHost;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// In-process silos with our grains and services and their read model in a real PostgreSQL; grain state, stream
/// subscriptions and reminders in memory: for tests about grain behaviour and timing rather than storage (the
/// PostgreSQL providers have their own tests in Storage/ and EndToEnd/).
/// </summary>
public static class InProcessCluster
{
    /// <param name="settings">Added to the reference data and the served communes every such cluster has.</param>
    /// <param name="clock">A clock the test moves; the system clock when none.</param>
    /// <param name="storage">
    /// Grain state that serializes only after an await, shared by the silos (<see cref="AsyncSerializingStorage"/>);
    /// Orleans' plain memory storage when none.
    /// </param>
    public static async Task<InProcessTestCluster> StartAsync(string readModelConnectionString, short silos = 1, string? dataDirectory = null,
        IReadOnlyDictionary<string, string?>? settings = null, IClock? clock = null, AsyncSerializingStorage.Store? storage = null,
        Action<ISiloBuilder>? configureSilo = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSilo((_, silo) =>
        {
            configureSilo?.Invoke(silo);
            silo.UseIncidentStateSerializer();
            if (storage is null) silo.AddMemoryGrainStorage(StorageNames.Incidents);
            else silo.Services.AddKeyedSingleton<Orleans.Storage.IGrainStorage>(StorageNames.Incidents,
                (sp, key) => new AsyncSerializingStorage(sp.GetRequiredKeyedService<Orleans.Storage.IGrainStorageSerializer>(key), storage));
            silo.AddMemoryGrainStorage(SiloSetup.StreamPubSubStore)
                .AddMemoryStreams(LiveStreams.Provider)
                .UseInMemoryReminderService();
        });
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
            {
                ["ReferenceData:Directory"] = dataDirectory ?? Repo.DataDirectory,
                ["Routing:ServedCommunes:0"] = "07",
            });
            host.Services.AddIncidentDomain(host.Configuration);
            if (clock is not null) host.Services.AddSingleton(clock);
            host.Services.AddSingleton(_ => NpgsqlDataSource.Create(readModelConnectionString));
            host.Services.AddPostgresReadModel();
            host.Services.AddPostgresNotifications();
        });
        builder.ConfigureClient(client => client.AddMemoryStreams(LiveStreams.Provider));
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }
}
