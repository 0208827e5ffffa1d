using System.Security.Cryptography.X509Certificates;
using NodaTime;
using BacGiang.Incidents.ClusterTls;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>What a silo or the API accepts as its own TLS settings at start, and which peers' certificates it accepts.</summary>
public sealed class ClusterCredentialsTests : IDisposable
{
    private static TestCertificates Certificates => TestCertificates.Current;
    private readonly string folder = Directory.CreateTempSubdirectory("cluster-tls-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static ClusterCredentials? FromSettings(string environment, Dictionary<string, string?> settings) =>
        ClusterCredentials.Load(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(),
            new HostingEnvironment { EnvironmentName = environment }, ClusterRole.Silo, SystemClock.Instance);

    private static Dictionary<string, string?> SiloSettings() => Certificates.SiloEnvironment()
        .ToDictionary(e => e.Key.Replace("__", ":", StringComparison.Ordinal), e => (string?)e.Value);

    [Fact]
    public void This_process_refuses_its_own_certificate_outside_its_validity_at_the_clocks_time()
    {
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(Certificates.Silo.CertificateFile);
        var options = Certificates.Silo.Options(Certificates.CaFile);
        var after = new NodaTime.Testing.FakeClock(Instant.FromDateTimeUtc(certificate.NotAfter.ToUniversalTime()) + Duration.FromSeconds(1));
        Assert.Contains("it expired on", Assert.Throws<InvalidOperationException>(() => ClusterCredentials.Load(options, ClusterRole.Silo, after)).Message);
        var before = new NodaTime.Testing.FakeClock(Instant.FromDateTimeUtc(certificate.NotBefore.ToUniversalTime()) - Duration.FromSeconds(1));
        Assert.Contains("it is not valid before", Assert.Throws<InvalidOperationException>(() => ClusterCredentials.Load(options, ClusterRole.Silo, before)).Message);
    }

    [Fact]
    public void The_silo_certificate_and_the_CA_load_and_the_silo_accepts_the_APIs_certificate()
    {
        var silo = FromSettings(Environments.Production, SiloSettings())!;

        using var api = X509CertificateLoader.LoadCertificateFromFile(Certificates.Api.CertificateFile);
        Assert.Null(silo.Peers.Problem(api));
        Assert.Equal("CN=test-silo", silo.Certificate.Subject);
        Assert.True(silo.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_process_without_certificate_settings_stops_naming_them()
    {
        var e = Assert.Throws<InvalidOperationException>(() => FromSettings(Environments.Development, []));

        Assert.Contains("ClusterTls:CertificateFile and ClusterTls:CaCertificateFile are not set", e.Message);
    }

    [Fact]
    public void Turning_TLS_off_is_refused_outside_development_and_allowed_in_it()
    {
        var off = new Dictionary<string, string?> { ["ClusterTls:Enabled"] = "false" };

        var e = Assert.Throws<InvalidOperationException>(() => FromSettings(Environments.Production, off));
        Assert.Contains("refused outside the Development environment (the environment is 'Production')", e.Message);
        Assert.Null(FromSettings(Environments.Development, off));
    }

    [Fact]
    public void A_certificate_another_CA_issued_is_refused_at_start_and_as_a_peer()
    {
        var options = Certificates.Stranger.Options(Certificates.CaFile);

        var e = Assert.Throws<InvalidOperationException>(() => ClusterCredentials.Load(options, ClusterRole.Silo, SystemClock.Instance));
        Assert.Contains("does not chain to the cluster CA", e.Message);
        var silo = ClusterCredentials.Load(Certificates.Silo.Options(Certificates.CaFile), ClusterRole.Silo, SystemClock.Instance);
        using var stranger = X509CertificateLoader.LoadCertificateFromFile(Certificates.Stranger.CertificateFile);
        Assert.False(silo.Peers.Validate(stranger, null, System.Net.Security.SslPolicyErrors.None));
    }

    [Fact]
    public void The_APIs_client_only_certificate_will_not_do_for_a_silo()
    {
        var e = Assert.Throws<InvalidOperationException>(() => ClusterCredentials.Load(Certificates.Api.Options(Certificates.CaFile), ClusterRole.Silo, SystemClock.Instance));

        Assert.Contains("does not allow server authentication", e.Message);
        Assert.NotNull(ClusterCredentials.Load(Certificates.Api.Options(Certificates.CaFile), ClusterRole.Client, SystemClock.Instance));
    }

    [Fact]
    public void A_leaf_certificate_given_as_the_CA_is_refused()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            ClusterCredentials.Load(Certificates.Silo.Options(Certificates.Api.CertificateFile), ClusterRole.Silo, SystemClock.Instance));

        Assert.Contains("CN=test-api is not a CA certificate", e.Message);
    }

    [Fact]
    public void An_expired_certificate_of_the_cluster_CA_is_refused_as_a_peer()
    {
        var silo = ClusterCredentials.Load(Certificates.Silo.Options(Certificates.CaFile), ClusterRole.Silo, SystemClock.Instance);
        using var ca = X509Certificate2.CreateFromPemFile(Certificates.CaFile, Certificates.CaKeyFile);
        var now = DateTimeOffset.UtcNow;
        using var expired = TestCertificateAuthority.Issue(ca, "CN=expired", server: true, now.AddDays(-1), now.AddHours(-23));

        Assert.Contains("does not chain to the cluster CA", silo.Peers.Problem(expired));
    }

    [Fact]
    public void A_self_signed_certificate_named_like_the_CA_is_refused_as_a_peer()
    {
        var silo = ClusterCredentials.Load(Certificates.Silo.Options(Certificates.CaFile), ClusterRole.Silo, SystemClock.Instance);
        var now = DateTimeOffset.UtcNow;
        using var impostor = TestCertificateAuthority.CreateCa("CN=BacGiang Incidents test cluster CA", now.AddDays(-1), now.AddDays(1));

        Assert.NotNull(silo.Peers.Problem(impostor));
    }

    [Fact]
    public void A_PKCS12_file_with_its_password_loads()
    {
        using var pem = X509Certificate2.CreateFromPemFile(Certificates.Silo.CertificateFile, Certificates.Silo.KeyFile);
        var pfx = Path.Combine(folder, "silo.pfx");
        File.WriteAllBytes(pfx, pem.Export(X509ContentType.Pkcs12, "s3cret"));

        var silo = ClusterCredentials.Load(new ClusterTlsOptions { CertificateFile = pfx, CertificatePassword = "s3cret", CaCertificateFile = Certificates.CaFile }, ClusterRole.Silo, SystemClock.Instance);

        Assert.Equal(pem.Thumbprint, silo.Certificate.Thumbprint);
        Assert.True(silo.Certificate.HasPrivateKey);
    }

    [Fact]
    public void A_CA_file_holding_an_old_and_a_new_CA_accepts_peers_of_both_while_a_CA_is_rolled_in()
    {
        var bundle = Path.Combine(folder, "cas.crt");
        File.WriteAllText(bundle, File.ReadAllText(Certificates.CaFile) + File.ReadAllText(Certificates.OtherCaFile));

        var silo = ClusterCredentials.Load(Certificates.Silo.Options(bundle), ClusterRole.Silo, SystemClock.Instance);

        using var api = X509CertificateLoader.LoadCertificateFromFile(Certificates.Api.CertificateFile);
        using var stranger = X509CertificateLoader.LoadCertificateFromFile(Certificates.Stranger.CertificateFile);
        Assert.Null(silo.Peers.Problem(api));
        Assert.Null(silo.Peers.Problem(stranger));
    }
}
