using BacGiang.Incidents.ClusterTls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Configuration;

namespace BacGiang.Incidents.Bench;

/// <summary>
/// An Orleans client of a benchmark's own silo (clustering in its PostgreSQL), for the benchmarks that call grains
/// directly; over mutual TLS with the API's certificate, as the API connects.
/// </summary>
public static class BenchCluster
{
    /// <param name="silos">How many silos must be active in the membership table before the client starts.</param>
    public static async Task<(IHost Host, IClusterClient Client)> Connect(string cs, string clusterId, ClusterCertificates certificates, int silos = 1)
    {
        var tls = ClusterCredentials.Load(new ClusterTlsOptions
        {
            CertificateFile = certificates.ApiCertificateFile, KeyFile = certificates.ApiKeyFile, CaCertificateFile = certificates.CaFile,
        }, ClusterRole.Client, NodaTime.SystemClock.Instance);
        var host = Host.CreateApplicationBuilder();
        host.Logging.ClearProviders();
        host.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => { o.ClusterId = clusterId; o.ServiceId = clusterId; });
            client.UseAdoNetClustering(o => { o.Invariant = "Npgsql"; o.ConnectionString = cs; });
            client.UseClusterTls(tls);
            client.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromMinutes(2));
        });
        var app = host.Build();
        // The client connects at start; it needs live gateways in the membership table first (it reads them once then).
        for (var i = 0; i < 240 && await BenchSupport.Scalar(cs, "SELECT count(*) FROM orleansmembershiptable WHERE status = 3") < silos; i++)
            await Task.Delay(500);
        await app.StartAsync();
        return (app, app.Services.GetRequiredService<IClusterClient>());
    }
}
