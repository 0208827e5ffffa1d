using System.Security.Cryptography.X509Certificates;
using BacGiang.Incidents.ClusterTls;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Tests.Storage;
using BacGiang.Incidents.Tests.Support;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Connections.Security;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>
/// One silo built by the production set-up (mutual TLS with the test run's cluster CA), whose gateway counts the
/// connections that ended and those its TLS layer let through to Orleans.
/// </summary>
public sealed class TlsSiloFixture : IAsyncLifetime
{
    public const string ServiceId = "bacgiang-incidents-tests";
    private int accepted;
    private int ended;
    private IHost? silo;

    public string ConnectionString { get; private set; } = "";
    public string ClusterId { get; } = "tls-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Gateway connections the silo's TLS layer let through: the handshake completed and the client's certificate passed.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>Gateway connections that have ended, let through or not.</summary>
    public int Ended => Volatile.Read(ref ended);

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateDatabaseAsync("tls");
        silo = await PostgresSilo.StartAsync(ConnectionString, ClusterId, FreePort.Next(), FreePort.Next(), builder =>
        {
            // Registered before the silo's own set-up, so outside its TLS layer: sees every connection.
            builder.Services.Configure<SiloConnectionOptions>(o => o.ConfigureGatewayInboundConnection(connection => connection.Use(next => async context =>
            {
                try
                {
                    await next(context);
                }
                finally
                {
                    Interlocked.Increment(ref ended);
                }
            })));
            // After every other set-up, so inside the TLS layer: reached only by a connection it let through.
            builder.Services.PostConfigure<SiloConnectionOptions>(o => o.ConfigureGatewayInboundConnection(connection => connection.Use(next => context =>
            {
                Interlocked.Increment(ref accepted);
                return next(context);
            })));
        });
    }

    public async Task DisposeAsync()
    {
        if (silo is not null)
        {
            await silo.StopAsync();
            silo.Dispose();
        }
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }
}

/// <summary>
/// "Whoever reaches the gateway port can act as Admin" no longer holds: an Orleans client reaches a grain only over
/// TLS with a certificate of the cluster CA, and only on a silo whose certificate that CA issued. A refused client
/// differs from the accepted one in its link security alone (same cluster, membership table and silo). Orleans keeps
/// retrying a gateway it cannot talk to, so a refused client does not fail at once: it never starts, each of its
/// connections ends at the TLS handshake, and the silo counts them.
/// </summary>
public sealed class ClusterTlsTests(TlsSiloFixture silo) : IClassFixture<TlsSiloFixture>
{
    private static TestCertificates Certificates => TestCertificates.Current;

    [Fact]
    public async Task A_client_with_a_certificate_of_the_cluster_CA_calls_a_grain()
    {
        var accepted = silo.Accepted;
        await using var client = await ClusterClientHost.ConnectAsync(silo.ConnectionString, silo.ClusterId, TlsSiloFixture.ServiceId);

        // A read of an incident that does not exist: answered (null) by the grain on the silo.
        Assert.Null(await client.Client.GetGrain<IIncidentGrain>(TrackingCode.NewRandom().Value).Get());
        Assert.True(silo.Accepted > accepted);
    }

    [Fact]
    public async Task A_client_without_TLS_cannot_reach_a_grain() =>
        await AssertRefused(_ => { }, bySilo: true);

    [Fact]
    public async Task A_client_with_TLS_but_no_certificate_of_its_own_cannot_reach_a_grain() =>
        // It trusts the cluster CA, so it would accept the silo; it offers no certificate, and the silo requires one.
        await AssertRefused(client => client.UseTls(tls =>
        {
            tls.ClientCertificateMode = RemoteCertificateMode.NoCertificate;
            tls.RemoteCertificateValidation = Trusting(Certificates.CaFile).Validate;
        }), bySilo: true);

    [Fact]
    public async Task A_client_whose_certificate_another_CA_issued_cannot_reach_a_grain()
    {
        // Another CA of the same name issued its certificate; it trusts the cluster CA, so only the silo can refuse.
        using var stranger = X509Certificate2.CreateFromPemFile(Certificates.Stranger.CertificateFile, Certificates.Stranger.KeyFile);
        await AssertRefused(client => client.UseTls(stranger, tls =>
        {
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = Trusting(Certificates.CaFile).Validate;
        }), bySilo: true);
    }

    [Fact]
    public async Task A_client_does_not_talk_to_a_silo_whose_certificate_its_CA_did_not_issue()
    {
        // Its certificate is the cluster's, which the silo accepts; but it trusts only the other CA. .NET checks the
        // server's certificate once the handshake is through, so the silo may count the connection as let through
        // before the client drops it: the client is the one refusing here.
        using var api = X509Certificate2.CreateFromPemFile(Certificates.Api.CertificateFile, Certificates.Api.KeyFile);
        await AssertRefused(client => client.UseTls(api, tls =>
        {
            tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
            tls.RemoteCertificateValidation = Trusting(Certificates.OtherCaFile).Validate;
        }), bySilo: false);
    }

    private static ClusterPeerValidator Trusting(string caFile)
    {
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPemFile(caFile);
        return new ClusterPeerValidator(authorities);
    }

    /// <summary>
    /// Starts a client with <paramref name="tls"/> and waits (polling, bounded) until two of its connections to the
    /// gateway have ended: by then the client must not have started, so it has not sent a grain call, and, when the
    /// silo is the one refusing (<paramref name="bySilo"/>), no connection may have got through the silo's TLS layer.
    /// </summary>
    private async Task AssertRefused(Action<IClientBuilder> tls, bool bySilo)
    {
        var (accepted, ended) = (silo.Accepted, silo.Ended);
        using var stop = new CancellationTokenSource();
        var connecting = ClusterClientHost.ConnectAsync(silo.ConnectionString, silo.ClusterId, TlsSiloFixture.ServiceId, tls, stop.Token);
        try
        {
            await Eventually.True(() => Task.FromResult(silo.Ended >= ended + 2 || connecting.IsCompleted),
                "two of the client's connections to the gateway ended");
            Assert.False(connecting.IsCompletedSuccessfully, "the client started: the gateway and it talked");
            if (bySilo) Assert.Equal(accepted, silo.Accepted);
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await using var _ = await connecting;
            }
            catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
            {
                // Cancelled (or failed) while still trying: it never got a connection to talk over.
            }
        }
        if (bySilo) Assert.Equal(accepted, silo.Accepted);
    }
}
