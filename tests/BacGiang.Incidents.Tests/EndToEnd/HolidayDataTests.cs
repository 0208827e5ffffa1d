using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>Processes started with holiday data that ends within a year: they run, but say so.</summary>
[Collection(SystemCollection.Name)]
public sealed class HolidayDataTests(SystemFixture system) : IDisposable
{
    private const string Warning = "Holiday data (holidays.csv) covers only until 2026-12-31";
    private readonly DataCopy data = new();

    public void Dispose() => data.Dispose();

    /// <summary>The data as it would be had nobody added 2027: its last year is 2026, less than a year ahead of any day from now on.</summary>
    private string DataEndingIn2026()
    {
        var path = Path.Combine(data.Directory, "holidays.csv");
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("2027-", StringComparison.Ordinal)));
        return data.Directory;
    }

    [Fact]
    public async Task The_api_warns_at_start_and_is_ready_but_degraded_naming_the_last_day_covered()
    {
        var port = FreePort.Next();
        var env = system.ApiEnvironment(port);
        env["ReferenceData__Directory"] = DataEndingIn2026();
        var api = system.Start("holidays-api", SystemFixture.ApiDll, env);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.Ok(() => http.GetAsync("/health/ready"));

            var (_, health) = await Api.Get(http, "/health/ready");
            Assert.Equal("Degraded", health.GetProperty("status").GetString());
            var holidays = health.GetProperty("checks").GetProperty("holidays");
            Assert.Equal("Degraded", holidays.GetProperty("status").GetString());
            Assert.Equal("2026-12-31", holidays.GetProperty("data").GetProperty("coveredThrough").GetString());
            Assert.Contains(Warning, system.OutputOf("holidays-api"));
        }
        finally
        {
            SystemFixture.Stop(api);
        }
    }

    [Fact]
    public async Task A_silo_warns_at_start()
    {
        var env = system.SiloEnvironment();
        env["ReferenceData__Directory"] = DataEndingIn2026();
        // A cluster of its own: this silo must not take the shared system's grains.
        env["Silo__ClusterId"] = "holidays-" + Guid.NewGuid().ToString("N")[..8];
        env["Silo__ServiceId"] = "holidays-check";
        env["Silo__SiloPort"] = FreePort.Next().ToString();
        env["Silo__GatewayPort"] = FreePort.Next().ToString();
        var silo = system.Start("holidays-silo", SystemFixture.SiloDll, env);
        try
        {
            await Eventually.True(() => Task.FromResult(system.OutputOf("holidays-silo").Contains(Warning) || silo.HasExited), "the silo's start-up warning", 60);
            Assert.Contains(Warning, system.OutputOf("holidays-silo"));
            Assert.False(silo.HasExited, system.OutputOf("holidays-silo"));
        }
        finally
        {
            SystemFixture.Stop(silo);
        }
    }
}
