using BacGiang.Incidents.ClusterTls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// An Orleans client in the test process, joined to a cluster of built Silo processes through the membership table:
/// the test asks the cluster itself (the management grain) rather than reading what the silos happen to log.
/// </summary>
public sealed class ClusterClientHost : IAsyncDisposable
{
    private readonly IHost host;

    private ClusterClientHost(IHost host) => this.host = host;

    public IClusterClient Client => host.Services.GetRequiredService<IClusterClient>();

    /// <summary>Connected as the API connects: mutual TLS with the test run's cluster certificates.</summary>
    public static Task<ClusterClientHost> ConnectAsync(string connectionString, string clusterId, string serviceId) =>
        ConnectAsync(connectionString, clusterId, serviceId, client => client.UseClusterTls(TestCertificates.Current.Client()));

    /// <summary>Connected with the link security <paramref name="tls"/> sets up (none, when it does nothing).</summary>
    /// <param name="cancellationToken">Gives up on connecting: Orleans keeps trying a gateway that will not talk to it.</param>
    public static async Task<ClusterClientHost> ConnectAsync(string connectionString, string clusterId, string serviceId, Action<IClientBuilder> tls,
        CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            tls(client);
        });
        var host = builder.Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch
        {
            host.Dispose();
            throw;
        }
        return new ClusterClientHost(host);
    }

    /// <summary>The silo port of the silo an activation of <paramref name="grain"/> lives on, or null when none does.</summary>
    public async Task<int?> SiloPortOf(IAddressable grain) =>
        (await Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain))?.Endpoint.Port;

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
    }
}
