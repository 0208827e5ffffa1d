using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using Orleans.TestingHost;

namespace BacGiang.Incidents.Tests.Cluster;

/// <summary>
/// A two-silo in-process cluster with our grains and services. Grain storage and reminders are in memory here
/// (storage that serializes after an await, like the ADO.NET provider under load): these tests are about grain
/// behaviour; the PostgreSQL providers have their own tests in Storage/ and EndToEnd/.
/// </summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    public static readonly FakeClock Clock = new(Instant.FromUtc(2026, 11, 23, 2, 0));

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The read model (lists, escalation records) is a real PostgreSQL database, as in production.</summary>
    public string ConnectionString { get; private set; } = "";

    /// <summary>The API's list queries on that read model.</summary>
    public IncidentQueries Queries { get; private set; } = null!;

    private NpgsqlDataSource? database;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("cluster");
        database = NpgsqlDataSource.Create(ConnectionString);
        Queries = new IncidentQueries(database, Clock);
        Cluster = await InProcessCluster.StartAsync(ConnectionString, silos: 2, clock: Clock, storage: new AsyncSerializingStorage.Store(), settings: new Dictionary<string, string?>
        {
            // Channels configured, so steps are queued on them; nothing listens there (these tests are about queueing).
            ["Zalo:AccessToken"] = "cluster-test-token",
            ["Zalo:ApiBaseUrl"] = "http://127.0.0.1:9/",
            ["Sms:BaseUrl"] = "http://127.0.0.1:9/",
            ["Sms:ApiKey"] = "k", ["Sms:SecretKey"] = "s", ["Sms:Brandname"] = "TEST",
        });
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        if (database is not null) await database.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
