using System.Net;
using System.Net.Http.Json;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>A process with bad data or settings must refuse to start and say why; a dev-only door stays shut unless opened.</summary>
[Collection(SystemCollection.Name)]
public sealed class StartupTests(SystemFixture system) : IDisposable
{
    private readonly DataCopy data = new();

    public void Dispose() => data.Dispose();

    private async Task<(int ExitCode, string Output)> RunToExit(string name, string dll, Dictionary<string, string> environment)
    {
        var process = system.Start(name, dll, environment);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            SystemFixture.Stop(process);
            throw new Xunit.Sdk.XunitException($"{name} kept running: {system.OutputOf(name)}");
        }
        process.WaitForExit(); // drain the output
        return (process.ExitCode, system.OutputOf(name));
    }

    [Fact]
    public async Task A_silo_with_a_malformed_data_file_stops_naming_file_and_line()
    {
        File.AppendAllText(Path.Combine(data.Directory, "categories.csv"), "sinkhole,Sụt lún,Sinkhole,urenco,P9\n");

        var env = system.SiloEnvironment();
        env["ReferenceData__Directory"] = data.Directory;
        env["Silo__SiloPort"] = FreePort.Next().ToString();
        env["Silo__GatewayPort"] = FreePort.Next().ToString();
        var (exit, output) = await RunToExit("bad-data-silo", SystemFixture.SiloDll, env);

        Assert.NotEqual(0, exit);
        Assert.Contains("categories.csv line 15: priority 'P9' is not one of P1, P2, P3, P4", output);
    }

    [Fact]
    public async Task An_api_without_a_signing_key_or_authority_stops_saying_which_setting()
    {
        var env = system.ApiEnvironment(FreePort.Next());
        env["Auth__SigningKey"] = "";
        var (exit, output) = await RunToExit("keyless-api", SystemFixture.ApiDll, env);

        Assert.NotEqual(0, exit);
        Assert.Contains("Auth:SigningKey", output);
    }

    [Fact]
    public async Task An_api_with_dev_tokens_outside_development_stops_saying_why()
    {
        var env = system.ApiEnvironment(FreePort.Next());
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        var (exit, output) = await RunToExit("devtokens-in-production-api", SystemFixture.ApiDll, env);

        Assert.NotEqual(0, exit);
        Assert.Contains("refused outside the Development environment", output);
    }

    [Fact]
    public async Task An_api_with_dev_tokens_beside_an_identity_provider_stops_saying_why()
    {
        var env = system.ApiEnvironment(FreePort.Next());
        env["Auth__Authority"] = "https://idp.example.org/realms/bacgiang";
        var (exit, output) = await RunToExit("devtokens-with-authority-api", SystemFixture.ApiDll, env);

        Assert.NotEqual(0, exit);
        Assert.Contains("Auth:DevTokens:Enabled cannot be on beside Auth:Authority", output);
    }

    [Fact]
    public async Task An_api_asked_to_sign_the_console_in_without_an_identity_provider_stops_saying_which_setting()
    {
        var env = system.ApiEnvironment(FreePort.Next());
        env["Auth__Console__ClientId"] = "incidents-console";
        var (exit, output) = await RunToExit("clientid-without-authority-api", SystemFixture.ApiDll, env);

        Assert.NotEqual(0, exit);
        Assert.Contains("Auth:Console:ClientId signs the console in at Auth:Authority", output);
    }

    [Fact]
    public async Task A_silo_without_cluster_certificates_stops_naming_the_settings()
    {
        var env = system.SiloEnvironment();
        foreach (var key in env.Keys.Where(k => k.StartsWith("ClusterTls__", StringComparison.Ordinal)).ToList()) env.Remove(key);
        env["Silo__SiloPort"] = FreePort.Next().ToString();
        env["Silo__GatewayPort"] = FreePort.Next().ToString();
        var (exit, output) = await RunToExit("certificateless-silo", SystemFixture.SiloDll, env);

        Assert.NotEqual(0, exit);
        Assert.Contains("ClusterTls:CertificateFile and ClusterTls:CaCertificateFile are not set", output);
    }

    [Fact]
    public async Task An_api_with_cluster_TLS_turned_off_outside_development_stops_saying_why()
    {
        var env = system.ApiEnvironment(FreePort.Next());
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Auth__DevTokens__Enabled"] = "false";
        env["ClusterTls__Enabled"] = "false";
        var (exit, output) = await RunToExit("plaintext-api", SystemFixture.ApiDll, env);

        Assert.NotEqual(0, exit);
        Assert.Contains("ClusterTls:Enabled is false", output);
        Assert.Contains("refused outside the Development environment", output);
    }

    [Fact]
    public async Task The_dev_token_endpoint_does_not_exist_unless_configured()
    {
        var port = FreePort.Next();
        var env = system.ApiEnvironment(port);
        env["Auth__DevTokens__Enabled"] = "false";
        var api = system.Start("no-dev-tokens-api", SystemFixture.ApiDll, env);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.Ok(() => http.GetAsync("/health/ready"));

            var issue = await http.PostAsJsonAsync("/dev/token", new { role = "Admin" });
            Assert.Equal(HttpStatusCode.NotFound, issue.StatusCode);

            // Tokens signed with the configured key are still accepted there.
            using var supervisor = await system.ClientFor("Supervisor");
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/triage");
            request.Headers.Authorization = supervisor.DefaultRequestHeaders.Authorization;
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        finally
        {
            SystemFixture.Stop(api);
        }
    }
}
