using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Serilog;

namespace BacGiang.Incidents.ClusterTls;

/// <summary>
/// Decides whether the other end of an Orleans link may talk to this process: its certificate must chain to one of
/// the cluster's CA certificates, and only to those (the machine's trust store is not consulted), and be within its
/// validity period. Host names are not compared: silos come and go on addresses the membership table hands out, and
/// the cluster CA issues certificates to this system's processes alone. The CA has no revocation list; a leaked key is
/// dealt with by rolling in a new CA (docs/operations.md).
/// </summary>
public sealed class ClusterPeerValidator
{
    private readonly X509Certificate2Collection authorities;

    public ClusterPeerValidator(X509Certificate2Collection authorities)
    {
        if (authorities.Count == 0) throw new ArgumentException("At least one CA certificate is needed.", nameof(authorities));
        this.authorities = authorities;
    }

    /// <summary>
    /// Orleans' <c>TlsOptions.RemoteCertificateValidation</c>. The platform's verdict (<paramref name="errors"/>) is
    /// set aside: it judges against the machine's trust store and a host name, neither of which applies here.
    /// </summary>
    public bool Validate(X509Certificate2 certificate, X509Chain? presented, SslPolicyErrors errors)
    {
        var problem = Problem(certificate, presented);
        if (problem is null) return true;
        Log.ForContext<ClusterPeerValidator>().Warning(
            "Refused an Orleans link: the peer's certificate {Subject} (issuer {Issuer}, serial {Serial}, thumbprint {Thumbprint}) {Problem}",
            certificate.Subject, certificate.Issuer, certificate.SerialNumber, certificate.Thumbprint, problem);
        return false;
    }

    /// <summary>Why <paramref name="certificate"/> is not accepted, or null when it is.</summary>
    /// <param name="presented">The chain the TLS layer built from what the peer sent: its intermediates are used, its trust is not.</param>
    public string? Problem(X509Certificate2 certificate, X509Chain? presented = null)
    {
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        if (presented is not null)
            for (var i = 1; i < presented.ChainElements.Count; i++)
                chain.ChainPolicy.ExtraStore.Add(presented.ChainElements[i].Certificate);
        try
        {
            if (!chain.Build(certificate))
            {
                var reasons = chain.ChainStatus.Select(s => string.IsNullOrWhiteSpace(s.StatusInformation) ? s.Status.ToString() : s.StatusInformation.Trim());
                return $"does not chain to the cluster CA ({string.Join("; ", reasons.Distinct())})";
            }
            var root = chain.ChainElements[^1].Certificate;
            return authorities.Any(a => a.RawDataMemory.Span.SequenceEqual(root.RawDataMemory.Span))
                ? null
                : $"chains to {root.Subject}, which is not a cluster CA";
        }
        finally
        {
            foreach (var element in chain.ChainElements) element.Certificate.Dispose();
        }
    }
}
