using System.Security.Authentication;
using Orleans.Connections.Security;

namespace BacGiang.Incidents.ClusterTls;

/// <summary>Orleans' TLS (Microsoft.Orleans.Connections.Security) set up the same way on silos and on clients.</summary>
public static class ClusterTlsSetup
{
    /// <summary>
    /// Silo and gateway ports accept only TLS links whose other end shows a certificate of the cluster CA; links this
    /// silo opens to other silos show its own and accept only a cluster silo's. Null credentials (TLS turned off in
    /// Development) leave the silo as Orleans sets it up by default.
    /// </summary>
    public static ISiloBuilder UseClusterTls(this ISiloBuilder silo, ClusterCredentials? credentials) =>
        credentials is null ? silo : silo.UseTls(credentials.Certificate, tls => Configure(tls, credentials));

    /// <summary>Links to gateways are TLS, showing this client's certificate and accepting only a cluster silo's.</summary>
    public static IClientBuilder UseClusterTls(this IClientBuilder client, ClusterCredentials? credentials) =>
        credentials is null ? client : client.UseTls(credentials.Certificate, tls => Configure(tls, credentials));

    private static void Configure(TlsOptions tls, ClusterCredentials credentials)
    {
        // Both ends of every link show a certificate: a silo refuses a link without one (RemoteCertificateMode), and a
        // client or silo refuses to open one without its own (ClientCertificateMode checks it allows client authentication).
        tls.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        tls.RemoteCertificateValidation = credentials.Peers.Validate;
        tls.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
        // The cluster CA publishes no revocation list; a compromised key means a new CA (docs/operations.md).
        tls.CheckCertificateRevocation = false;
    }
}
