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

    public static async Task<ClusterClientHost> ConnectAsync(string connectionString, string clusterId, string serviceId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            client.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
        });
        var host = builder.Build();
        await host.StartAsync();
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
