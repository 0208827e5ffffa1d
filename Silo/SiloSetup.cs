using System.Net;
using NodaTime;
using BacGiang.Incidents.ClusterTls;
using BacGiang.Incidents.Grains;
using BacGiang.Incidents.Silo.Notifications;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Sla;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Orleans.Configuration;
using Orleans.Dashboard;
using Orleans.Serialization;
using Orleans.Storage;

namespace BacGiang.Incidents.Silo;

public static class SiloSetup
{
    private const string Invariant = "Npgsql";
    public const string StreamPubSubStore = "PubSubStore";

    /// <summary>Clustering, grain state and reminders all in PostgreSQL: a silo can die at any moment and lose nothing.</summary>
    public static IHostApplicationBuilder AddIncidentSilo(this IHostApplicationBuilder builder)
    {
        var options = SiloHostOptions.From(builder.Configuration);
        // Mutual TLS on every link, checked before anything else starts (ClusterTls section).
        var tls = ClusterCredentials.Load(builder.Configuration, builder.Environment, ClusterRole.Silo, SystemClock.Instance);
        tls?.LogInUse("silo", SystemClock.Instance);
        var connectionString = DatabaseSettings.SiloConnectionString(builder.Configuration);
        builder.Services.AddIncidentDomain(builder.Configuration);
        builder.Services.AddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        builder.Services.AddPostgresReadModel();
        builder.Services.AddPostgresNotifications();
        builder.AddSiloTelemetry();
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = options.ClusterId;
                o.ServiceId = options.ServiceId;
            });
            silo.ConfigureEndpoints(IPAddress.Parse(options.AdvertisedIPAddress), options.SiloPort, options.GatewayPort);
            // Silo-to-silo and gateway links: only peers with a certificate of the cluster CA.
            silo.UseClusterTls(tls);
            silo.Configure<SiloMessagingOptions>(o => o.ClientDropTimeout = TimeSpan.FromSeconds(options.ClientDropTimeoutSeconds));
            // Kubernetes supplies the silo's name and tells the cluster when a pod is deleted; it does not replace the
            // ADO.NET membership below, and the advertised address still comes from Silo:AdvertisedIPAddress (the pod IP).
            if (options.KubernetesHosting) silo.UseKubernetesHosting();
            // How soon a silo that died is declared dead, so calls stop going to it (docs/operations.md, "Failover window").
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(options.ProbeTimeoutSeconds);
                o.NumMissedProbesLimit = options.MissedProbesLimit;
                o.NumVotesForDeathDeclaration = options.VotesForDeathDeclaration;
            });
            // A request's trace continues into the grains it calls, and theirs into PostgreSQL (docs/operations.md).
            silo.AddActivityPropagation();
            // The Orleans dashboard's data; the API serves its pages to admins (/dashboard).
            silo.AddDashboard(o => o.HideTrace = true);
            // Registered after the dashboard, so it starts after the dashboard's own host, whose sampler it replaces.
            silo.Services.AddSingleton(sp => ActivatorUtilities.CreateInstance<DashboardCounterFeed>(sp, options));
            silo.Services.AddHostedService(sp => sp.GetRequiredService<DashboardCounterFeed>());
            silo.UseAdoNetClustering(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.AddIncidentStorage(connectionString);
            // Live fan-out to consoles; subscriptions kept in PostgreSQL.
            silo.AddMemoryStreams(BacGiang.Incidents.ReadModel.LiveStreams.Provider);
            silo.AddAdoNetGrainStorage(StreamPubSubStore, o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
            silo.UseAdoNetReminderService(o =>
            {
                o.Invariant = Invariant;
                o.ConnectionString = connectionString;
            });
        });
        return builder;
    }

    /// <summary>Grain state in PostgreSQL, in the serializer chosen by <see cref="UseIncidentStateSerializer"/>.</summary>
    public static ISiloBuilder AddIncidentStorage(this ISiloBuilder silo, string connectionString) =>
        silo.UseIncidentStateSerializer().AddAdoNetGrainStorage(StorageNames.Incidents, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
            // A cleared state leaves no row: a Zalo conversation forgotten under the retention policy takes its user
            // id (the row's key) with it.
            o.DeleteStateOnClear = true;
        });

    /// <summary>
    /// State is written with Orleans' own binary serializer rather than the default JSON: the state types are already
    /// [GenerateSerializer] with stable ids, so they stay readable as they evolve, and NodaTime goes through surrogates.
    /// Registered for the provider's name, so any storage provider under that name (tests use the memory one) agrees.
    /// </summary>
    public static ISiloBuilder UseIncidentStateSerializer(this ISiloBuilder silo)
    {
        foreach (var name in new[] { StorageNames.Incidents, StreamPubSubStore })
            silo.Services.AddKeyedSingleton<IGrainStorageSerializer>(name,
                (sp, _) => new OrleansGrainStorageSerializer(sp.GetRequiredService<Serializer>()));
        return silo;
    }
}
