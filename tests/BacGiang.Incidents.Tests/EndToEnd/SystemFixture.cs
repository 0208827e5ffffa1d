using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>
/// The system as the run script starts it: the built Silo and Api binaries as separate processes, on a fresh
/// database of the PostgreSQL that deploy/local/postgres.sh installs and starts.
/// </summary>
public class SystemFixture : IAsyncLifetime
{
    public const string SigningKey = "end-to-end-tests-signing-key-0123456789";
    private readonly ProcessGroup processes = new();
    private readonly string clusterId = "e2e-" + Guid.NewGuid().ToString("N")[..8];
    private readonly int siloPort = FreePort.Next();
    private readonly int gatewayPort = FreePort.Next();
    private readonly int apiPort = FreePort.Next();
    private Process? silo;
    private Process? api;

    public string ConnectionString { get; private set; } = "";
    public string ClusterId => clusterId;
    public string OrleansServiceId => ServiceId;
    public const string Open311Key = "open311-test-client-key";
    public const string IocSecret = "ioc-test-shared-secret-0123456789";
    public const string ZaloAppId = "2553928453557884079";
    public const string ZaloOaSecret = "test-oa-secret-key";

    /// <summary>The OA message API the silo sends replies to: a local fake that records them.</summary>
    public FakeZaloOa ZaloOa { get; } = new();
    public HttpClient Http { get; private set; } = null!;
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);

    /// <summary>A fresh database with the schema applied; a subclass may start from an older one instead.</summary>
    protected virtual Task<string> CreateDatabase() => TestPostgres.CreateDatabaseAsync("e2e");

    /// <summary>Orleans' service id: grain state and reminders are kept under it.</summary>
    protected virtual string ServiceId => "bacgiang-incidents-e2e";

    /// <summary>The data/ folder the processes load; a subclass may hand them an edited copy.</summary>
    protected virtual string DataDirectory => Repo.DataDirectory;

    /// <summary>Settings a subclass adds to (or changes in) the silo's environment.</summary>
    protected virtual void ConfigureSilo(Dictionary<string, string> silo)
    {
    }

    /// <summary>Settings a subclass adds to (or changes in) the API's environment.</summary>
    protected virtual void ConfigureApi(Dictionary<string, string> api)
    {
    }

    public virtual async Task InitializeAsync()
    {
        ConnectionString = await CreateDatabase();
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{apiPort}"), Timeout = TimeSpan.FromSeconds(30) };
        silo = Start("silo", SiloDll, SiloEnvironment());
        api = Start("api", ApiDll, ApiEnvironment(apiPort));
        await WaitUntilReady();
    }

    public virtual async Task DisposeAsync()
    {
        processes.Dispose();
        Http.Dispose();
        ZaloOa.Dispose();
        await TestPostgres.DropDatabaseAsync(ConnectionString);
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, the way a crash or the OOM killer ends a process.</summary>
    public void KillSilo() => ProcessGroup.Kill(silo);

    public async Task RestartSilo()
    {
        silo = Start("silo", SiloDll, SiloEnvironment());
        await WaitUntilReady();
    }

    /// <summary>Waits for /health/ready: a silo is active and the API reaches it and PostgreSQL.</summary>
    public async Task WaitUntilReady()
    {
        try
        {
            await Eventually.Ok(() => Http.GetAsync("/health/ready"));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nLast output:\n" + processes.Tail(40), e);
        }
    }

    public async Task<HttpClient> ClientFor(string role, string? commune = null, string? agency = null, string? subject = null)
    {
        using var response = await Http.PostAsJsonAsync("/dev/token", new { role, commune, agency, subject });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var client = new HttpClient { BaseAddress = Http.BaseAddress, Timeout = Http.Timeout };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static string SiloDll => ProcessGroup.SiloDll;
    public static string ApiDll => ProcessGroup.ApiDll;

    /// <summary>What an API process of this system needs; tests change entries to see how it copes.</summary>
    public Dictionary<string, string> ApiEnvironment(int port)
    {
        var api = BaseApiEnvironment(port);
        ConfigureApi(api);
        return api;
    }

    private Dictionary<string, string> BaseApiEnvironment(int port) => new(TestCertificates.Current.ApiEnvironment())
    {
        ["ConnectionStrings__Incidents"] = ConnectionString,
        ["Orleans__ClusterId"] = clusterId,
        ["Orleans__ServiceId"] = ServiceId,
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Auth__SigningKey"] = SigningKey,
        ["Auth__DevTokens__Enabled"] = "true",
        // Dev tokens are refused in any other environment.
        ["ASPNETCORE_ENVIRONMENT"] = "Development",
        ["Intake__IdempotencySecret"] = "end-to-end-idempotency-secret",
        ["RateLimits__GlobalPerMinute"] = "1000000",
        ["RateLimits__CitizenWritesPerMinute"] = "1000000",
        ["RateLimits__PublicReadsPerMinute"] = "1000000",
        ["RateLimits__TrackingMissesPerHour"] = "1000000",
        ["RateLimits__WebhooksPerMinutePerSource"] = "1000000",
        ["Open311__ApiKeys__0"] = Open311Key,
        ["Ioc__SharedSecret"] = IocSecret,
        ["Zalo__AppId"] = ZaloAppId,
        ["Zalo__OaSecretKey"] = ZaloOaSecret,
        ["ReferenceData__Directory"] = DataDirectory,
    };

    public Dictionary<string, string> SiloEnvironment()
    {
        var silo = BaseSiloEnvironment();
        ConfigureSilo(silo);
        return silo;
    }

    private Dictionary<string, string> BaseSiloEnvironment() => new(TestCertificates.Current.SiloEnvironment())
    {
        ["ConnectionStrings__Incidents"] = ConnectionString,
        ["Silo__ClusterId"] = clusterId,
        ["Silo__ServiceId"] = ServiceId,
        ["Silo__SiloPort"] = siloPort.ToString(),
        ["Silo__GatewayPort"] = gatewayPort.ToString(),
        ["ReferenceData__Directory"] = DataDirectory,
        ["Cameras__FlushInterval"] = "00:00:00.500",
        ["Zalo__ApiBaseUrl"] = ZaloOa.BaseUrl.ToString(),
        ["Zalo__AccessToken"] = FakeZaloOa.FirstAccessToken,
        ["Zalo__RefreshToken"] = FakeZaloOa.FirstRefreshToken,
        ["Zalo__AppId"] = ZaloAppId,
        ["Zalo__AppSecretKey"] = FakeZaloOa.AppSecretKey,
        ["Zalo__OAuthBaseUrl"] = ZaloOa.BaseUrl.ToString(),
    };

    /// <summary>Starts one more process of the system; it is stopped with the fixture if not before.</summary>
    public Process Start(string name, string dll, Dictionary<string, string> environment) => processes.Start(name, dll, environment);

    public string OutputOf(string name) => processes.OutputOf(name);

    public static void Stop(Process? process) => ProcessGroup.Kill(process);
}

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<SystemFixture>
{
    public const string Name = "system";
}
