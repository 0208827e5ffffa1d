namespace BacGiang.Incidents.ClusterTls;

/// <summary>
/// Mutual TLS on every Orleans link: silo to silo, and the API (a cluster client) to a silo's gateway. Each process
/// shows a certificate issued by the cluster's own CA and accepts a peer only if the peer's certificate chains to that
/// CA. Bound from the <c>ClusterTls</c> section by the silo and by the API; read before the host is built (Orleans
/// takes the certificate while it is being configured), so validated by hand in <see cref="ClusterCredentials.Load(ClusterTlsOptions, ClusterRole)"/>.
/// </summary>
public sealed class ClusterTlsOptions
{
    public const string Section = "ClusterTls";

    /// <summary>
    /// On unless turned off. Off (plain TCP, no authentication: whoever reaches a gateway port can act as anyone) is
    /// refused outside the Development environment.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// This process's certificate: a PEM file (its key in <see cref="KeyFile"/>, or in the same file) or a PKCS#12
    /// file (<c>.pfx</c> or <c>.p12</c>, key inside). A silo's must allow server and client authentication (it both
    /// accepts and opens links); the API's client authentication. Relative paths are taken from the application's folder.
    /// </summary>
    public string? CertificateFile { get; set; }

    /// <summary>The PEM private key of <see cref="CertificateFile"/>; unset when the key is in that file.</summary>
    public string? KeyFile { get; set; }

    /// <summary>The PKCS#12 file's password, or the PEM key's when the key is encrypted.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The cluster CA's certificate (PEM; several certificates while a new CA is being rolled in). A peer is accepted
    /// only if its certificate chains to one of these; the machine's trust store plays no part.
    /// </summary>
    public string? CaCertificateFile { get; set; }

    internal static string Resolve(string path) => Path.IsPathRooted(path) ? path : Path.Combine(AppContext.BaseDirectory, path);
}

/// <summary>What a process does on the cluster's links, which decides what its certificate must allow.</summary>
public enum ClusterRole
{
    /// <summary>Accepts links (silo and gateway ports) and opens links to other silos: server and client authentication.</summary>
    Silo,

    /// <summary>An Orleans client (the API, a benchmark, a test): opens links to gateways, client authentication only.</summary>
    Client,
}
