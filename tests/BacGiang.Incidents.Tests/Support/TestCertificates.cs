using System.Diagnostics;
using NodaTime;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using BacGiang.Incidents.ClusterTls;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>A certificate and its key as PEM files, as run.sh's openssl makes them.</summary>
public sealed record PemFiles(string CertificateFile, string KeyFile)
{
    /// <summary>The <c>ClusterTls</c> settings naming these files and <paramref name="caFile"/>, as environment variables.</summary>
    public Dictionary<string, string> Environment(string caFile) => new()
    {
        ["ClusterTls__CertificateFile"] = CertificateFile,
        ["ClusterTls__KeyFile"] = KeyFile,
        ["ClusterTls__CaCertificateFile"] = caFile,
    };

    public ClusterTlsOptions Options(string caFile) => new() { CertificateFile = CertificateFile, KeyFile = KeyFile, CaCertificateFile = caFile };
}

/// <summary>
/// The cluster CA and certificates every test silo and client uses, made in-process once per test run in
/// .local/test-tls/PID (git-ignored; folders of runs that are gone are removed), and a second CA the cluster does not
/// trust, with a certificate of its own, for the tests that must be refused.
/// </summary>
public sealed class TestCertificates
{
    private static readonly Lazy<TestCertificates> Made = new(() => new TestCertificates());

    /// <summary>This test run's set, made on first use.</summary>
    public static TestCertificates Current => Made.Value;

    public string Directory { get; }

    /// <summary>The cluster CA's certificate, the one every silo and client trusts.</summary>
    public string CaFile { get; }

    /// <summary>The cluster CA's key, for a test that issues a certificate of its own.</summary>
    public string CaKeyFile { get; }

    /// <summary>Server and client authentication, as a silo needs.</summary>
    public PemFiles Silo { get; }

    /// <summary>Client authentication only, as the API needs.</summary>
    public PemFiles Api { get; }

    /// <summary>A CA the cluster does not trust; its subject is the cluster CA's, so only the key tells them apart.</summary>
    public string OtherCaFile { get; }

    /// <summary>A silo-like certificate (server and client authentication) issued by <see cref="OtherCaFile"/>'s CA.</summary>
    public PemFiles Stranger { get; }

    private TestCertificates()
    {
        var root = Path.Combine(Repo.Root, ".local", "test-tls");
        RemoveLeftovers(root);
        Directory = Path.Combine(root, Environment.ProcessId.ToString());
        System.IO.Directory.CreateDirectory(Directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => TryDelete(Directory);

        var now = DateTimeOffset.UtcNow;
        using var ca = TestCertificateAuthority.CreateCa("CN=BacGiang Incidents test cluster CA", now.AddDays(-1), now.AddYears(1));
        using var otherCa = TestCertificateAuthority.CreateCa("CN=BacGiang Incidents test cluster CA", now.AddDays(-1), now.AddYears(1));
        CaFile = Write(ca, "ca");
        CaKeyFile = Path.Combine(Directory, "ca.key");
        File.WriteAllText(CaKeyFile, TestCertificateAuthority.PrivateKeyPem(ca) + "\n");
        OtherCaFile = Write(otherCa, "other-ca");
        Silo = WritePair(TestCertificateAuthority.Issue(ca, "CN=test-silo", server: true, now.AddHours(-1), now.AddDays(90)), "silo");
        Api = WritePair(TestCertificateAuthority.Issue(ca, "CN=test-api", server: false, now.AddHours(-1), now.AddDays(90)), "api");
        Stranger = WritePair(TestCertificateAuthority.Issue(otherCa, "CN=test-silo", server: true, now.AddHours(-1), now.AddDays(90)), "stranger");
    }

    /// <summary>A silo process's ClusterTls settings.</summary>
    public Dictionary<string, string> SiloEnvironment() => Silo.Environment(CaFile);

    /// <summary>An API process's ClusterTls settings.</summary>
    public Dictionary<string, string> ApiEnvironment() => Api.Environment(CaFile);

    /// <summary>The credentials of an Orleans client in the test process (the API's certificate).</summary>
    public ClusterCredentials Client() => ClusterCredentials.Load(Api.Options(CaFile), ClusterRole.Client, SystemClock.Instance);

    private string Write(X509Certificate2 certificate, string name)
    {
        var file = Path.Combine(Directory, name + ".crt");
        File.WriteAllText(file, certificate.ExportCertificatePem() + "\n");
        return file;
    }

    private PemFiles WritePair(X509Certificate2 certificate, string name)
    {
        using (certificate)
        {
            var key = Path.Combine(Directory, name + ".key");
            File.WriteAllText(key, TestCertificateAuthority.PrivateKeyPem(certificate) + "\n");
            return new PemFiles(Write(certificate, name), key);
        }
    }

    /// <summary>Folders of earlier test runs whose process is gone (one killed before its exit handler ran).</summary>
    private static void RemoveLeftovers(string root)
    {
        if (!System.IO.Directory.Exists(root)) return;
        foreach (var folder in System.IO.Directory.GetDirectories(root))
            if (!int.TryParse(Path.GetFileName(folder), out var pid) || !Running(pid))
                TryDelete(folder);
    }

    private static bool Running(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static void TryDelete(string folder)
    {
        try
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
            // Another run's cleanup got there first, or a file is still open: the next run tries again.
        }
    }
}

/// <summary>Certificates made with <see cref="CertificateRequest"/>: a CA and the certificates it issues (ECDSA P-256).</summary>
public static class TestCertificateAuthority
{
    private const string ServerAuthentication = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuthentication = "1.3.6.1.5.5.7.3.2";

    public static X509Certificate2 CreateCa(string subject, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        return request.CreateSelfSigned(notBefore, notAfter);
    }

    /// <summary>A certificate <paramref name="ca"/> issues, with its private key; server and client authentication, or client only.</summary>
    public static X509Certificate2 Issue(X509Certificate2 ca, string subject, bool server, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var usages = new OidCollection { new Oid(ClientAuthentication) };
        if (server) usages.Add(new Oid(ServerAuthentication));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(usages, critical: false));
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(ca, notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return issued.CopyWithPrivateKey(key);
    }

    public static string PrivateKeyPem(X509Certificate2 certificate)
    {
        using var key = certificate.GetECDsaPrivateKey() ?? throw new InvalidOperationException($"{certificate.Subject} has no ECDSA private key.");
        return key.ExportPkcs8PrivateKeyPem();
    }
}
