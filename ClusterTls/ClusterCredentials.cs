using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using NodaTime;
using Serilog;

namespace BacGiang.Incidents.ClusterTls;

/// <summary>This process's certificate and key, and the CA its peers must chain to; checked once at start.</summary>
public sealed class ClusterCredentials
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    /// <summary>How long before its certificate expires a process warns at start.</summary>
    public static readonly Duration ExpiryWarning = Duration.FromDays(30);

    private ClusterCredentials(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        Certificate = certificate;
        Authorities = authorities;
        Peers = new ClusterPeerValidator(authorities);
    }

    public X509Certificate2 Certificate { get; }
    public X509Certificate2Collection Authorities { get; }
    public ClusterPeerValidator Peers { get; }

    /// <summary>
    /// The <c>ClusterTls</c> section's credentials, or null when TLS is turned off, which only the Development
    /// environment may do. Anything missing or wrong stops the process with a message naming the setting.
    /// </summary>
    public static ClusterCredentials? Load(IConfiguration configuration, IHostEnvironment environment, ClusterRole role, IClock clock)
    {
        var options = new ClusterTlsOptions();
        configuration.GetSection(ClusterTlsOptions.Section).Bind(options);
        if (!options.Enabled)
        {
            if (!environment.IsDevelopment())
                throw new InvalidOperationException(
                    $"{ClusterTlsOptions.Section}:Enabled is false, which would leave the Orleans links (silo to silo, API to silo) unencrypted " +
                    $"and open to anyone who reaches a port: it is refused outside the Development environment (the environment is '{environment.EnvironmentName}'). " +
                    $"Give {ClusterTlsOptions.Section}:CertificateFile, KeyFile and CaCertificateFile instead (docs/operations.md).");
            Log.Warning("Orleans links are NOT encrypted or authenticated: {Setting} is false (allowed in Development only)", $"{ClusterTlsOptions.Section}:Enabled");
            return null;
        }
        return Load(options, role, clock);
    }

    /// <summary>Loads and checks the files <paramref name="options"/> names, for a process playing <paramref name="role"/>.</summary>
    public static ClusterCredentials Load(ClusterTlsOptions options, ClusterRole role, IClock clock)
    {
        const string s = ClusterTlsOptions.Section;
        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(options.CertificateFile)) missing.Add($"{s}:CertificateFile");
        if (string.IsNullOrWhiteSpace(options.CaCertificateFile)) missing.Add($"{s}:CaCertificateFile");
        if (missing.Count > 0)
            throw new InvalidOperationException(
                $"{string.Join(" and ", missing)} {(missing.Count == 1 ? "is" : "are")} not set. Every Orleans link (silo to silo, API to silo) is mutual TLS: " +
                $"this process needs a certificate issued by the cluster CA ({s}:CertificateFile, with {s}:KeyFile for a PEM key in its own file) " +
                $"and the CA's certificate ({s}:CaCertificateFile). deploy/local/run.sh makes local ones; docs/operations.md says how to make real ones. " +
                $"Only in the Development environment may {s}:Enabled=false turn TLS off.");

        var authorities = LoadAuthorities(ClusterTlsOptions.Resolve(options.CaCertificateFile!));
        var certificate = LoadCertificate(options);
        var problems = new List<string>();
        var now = clock.GetCurrentInstant();
        if (now < NotBefore(certificate)) problems.Add($"it is not valid before {certificate.NotBefore.ToUniversalTime():u}");
        if (now > NotAfter(certificate)) problems.Add($"it expired on {certificate.NotAfter.ToUniversalTime():u}");
        if (!AllowsUse(certificate, ClientAuthentication)) problems.Add("its extended key usage does not allow client authentication (1.3.6.1.5.5.7.3.2)");
        if (role == ClusterRole.Silo && !AllowsUse(certificate, ServerAuthentication))
            problems.Add("its extended key usage does not allow server authentication (1.3.6.1.5.5.7.3.1), which a silo needs to accept links");
        var credentials = new ClusterCredentials(certificate, authorities);
        if (credentials.Peers.Problem(certificate) is { } chainProblem) problems.Add($"it {chainProblem} in {s}:CaCertificateFile, so no peer would accept it");
        if (problems.Count > 0)
            throw new InvalidOperationException($"{s}:CertificateFile '{options.CertificateFile}' ({certificate.Subject}) cannot be used: {string.Join("; ", problems)}.");
        return credentials;
    }

    /// <summary>Says at start which certificate this process shows and whom it trusts; warns when it expires soon.</summary>
    public void LogInUse(string process, IClock clock)
    {
        var left = NotAfter(Certificate) - clock.GetCurrentInstant();
        var log = Log.ForContext<ClusterCredentials>();
        log.Information("Orleans links of the {Process} use mutual TLS: certificate {Subject} (thumbprint {Thumbprint}) valid until {NotAfter:u}; peers must chain to {Authorities}",
            process, Certificate.Subject, Certificate.Thumbprint, Certificate.NotAfter.ToUniversalTime(), Authorities.Select(a => a.Subject).ToArray());
        if (left < ExpiryWarning)
            log.Warning("The {Process}'s cluster certificate {Subject} expires on {NotAfter:u}, in {Days:F0} days: issue a new one and restart (docs/operations.md)",
                process, Certificate.Subject, Certificate.NotAfter.ToUniversalTime(), left.TotalDays);
    }

    // X509Certificate2 gives its validity in local time.
    private static Instant NotBefore(X509Certificate2 certificate) => Instant.FromDateTimeUtc(certificate.NotBefore.ToUniversalTime());

    private static Instant NotAfter(X509Certificate2 certificate) => Instant.FromDateTimeUtc(certificate.NotAfter.ToUniversalTime());

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        const string setting = $"{ClusterTlsOptions.Section}:CaCertificateFile";
        if (!File.Exists(path)) throw new InvalidOperationException($"{setting} '{path}' does not exist.");
        var authorities = new X509Certificate2Collection();
        try
        {
            authorities.ImportFromPemFile(path);
            if (authorities.Count == 0) authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path)); // DER
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException($"{setting} '{path}' holds no readable certificate: {e.Message}", e);
        }
        foreach (var ca in authorities)
            if (ca.Extensions.OfType<X509BasicConstraintsExtension>().FirstOrDefault() is not { CertificateAuthority: true })
                throw new InvalidOperationException(
                    $"{setting} '{path}': {ca.Subject} is not a CA certificate (no basic constraints CA:TRUE). Give the certificate of the CA that issued the cluster's certificates.");
        return authorities;
    }

    private static X509Certificate2 LoadCertificate(ClusterTlsOptions options)
    {
        const string setting = $"{ClusterTlsOptions.Section}:CertificateFile";
        var path = ClusterTlsOptions.Resolve(options.CertificateFile!);
        var keyPath = string.IsNullOrWhiteSpace(options.KeyFile) ? null : ClusterTlsOptions.Resolve(options.KeyFile);
        if (!File.Exists(path)) throw new InvalidOperationException($"{setting} '{path}' does not exist.");
        if (keyPath is not null && !File.Exists(keyPath)) throw new InvalidOperationException($"{ClusterTlsOptions.Section}:KeyFile '{keyPath}' does not exist.");
        X509Certificate2 certificate;
        try
        {
            if (Path.GetExtension(path).ToLowerInvariant() is ".pfx" or ".p12")
                certificate = X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword);
            else
            {
                certificate = string.IsNullOrEmpty(options.CertificatePassword)
                    ? X509Certificate2.CreateFromPemFile(path, keyPath)
                    : X509Certificate2.CreateFromEncryptedPemFile(path, options.CertificatePassword, keyPath);
                if (OperatingSystem.IsWindows())
                {
                    // Windows' TLS stack cannot use a key that lives only in memory; elsewhere this is not needed.
                    using var ephemeral = certificate;
                    certificate = X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
                }
            }
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                $"{setting} '{path}'{(keyPath is null ? "" : $" with {ClusterTlsOptions.Section}:KeyFile '{keyPath}'")} could not be read as a certificate and its private key: {e.Message}", e);
        }
        if (!certificate.HasPrivateKey)
            throw new InvalidOperationException($"{setting} '{path}' has no private key: give it in {ClusterTlsOptions.Section}:KeyFile, or use a PKCS#12 file holding both.");
        return certificate;
    }

    /// <summary>As Orleans and TLS read it: a certificate without an extended key usage extension may be used for anything.</summary>
    private static bool AllowsUse(X509Certificate2 certificate, string oid)
    {
        var usages = certificate.Extensions.OfType<X509EnhancedKeyUsageExtension>().ToList();
        return usages.Count == 0 || usages.Any(u => u.EnhancedKeyUsages.Cast<System.Security.Cryptography.Oid>().Any(o => o.Value == oid));
    }
}
