using BacGiang.Incidents.Silo;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace BacGiang.Incidents.Tests.Storage;

/// <summary>
/// A silo built in-process by the production set-up (<see cref="SiloSetup.AddIncidentSilo"/>) on a test database,
/// with mutual TLS as in production: a client in the test process connects with <see cref="TestCertificates.Client"/>.
/// </summary>
public static class PostgresSilo
{
    /// <param name="configure">Called before the production set-up, so what it registers comes first.</param>
    public static async Task<IHost> StartAsync(string connectionString, string clusterId, int siloPort, int gatewayPort,
        Action<HostApplicationBuilder>? configure = null)
    {
        var tls = TestCertificates.Current;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Incidents"] = connectionString,
            ["Silo:ClusterId"] = clusterId,
            ["Silo:ServiceId"] = "bacgiang-incidents-tests",
            ["Silo:AdvertisedIPAddress"] = "127.0.0.1",
            ["Silo:SiloPort"] = siloPort.ToString(),
            ["Silo:GatewayPort"] = gatewayPort.ToString(),
            ["ReferenceData:Directory"] = Repo.DataDirectory,
            ["Routing:ServedCommunes:0"] = "07",
            ["ClusterTls:CertificateFile"] = tls.Silo.CertificateFile,
            ["ClusterTls:KeyFile"] = tls.Silo.KeyFile,
            ["ClusterTls:CaCertificateFile"] = tls.CaFile,
        });
        configure?.Invoke(builder);
        builder.AddIncidentSilo();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
