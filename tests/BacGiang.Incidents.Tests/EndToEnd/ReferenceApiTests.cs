using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>The console's lists of names: its communes are those <c>Routing:ServedCommunes</c> serves, as the silo routes.</summary>
[Collection(SystemCollection.Name)]
public sealed class ReferenceApiTests(SystemFixture system)
{
    private static readonly ReferenceData Data = ReferenceDataLoader.Load(Repo.DataDirectory);

    private static List<string> CommunesServedBy(string prefix) =>
        Data.CommunesInForce(ReferenceData.DateOf(SystemClock.Instance.GetCurrentInstant()))
            .Where(u => prefix == "*" || u.Code.StartsWith(prefix, StringComparison.Ordinal)).Select(u => u.Code).Order(StringComparer.Ordinal).ToList();

    private static async Task<List<string>> Communes(HttpClient http) =>
        (await Api.Get(http, "/api/reference")).Body.GetProperty("communes").EnumerateArray().Select(c => c.GetProperty("code").GetString()!).ToList();

    [Fact]
    public async Task The_shipped_setting_lists_the_former_bac_giang_communes()
    {
        Assert.Equal(CommunesServedBy("07"), await Communes(system.Http));
    }

    [Theory]
    [InlineData("09")]
    [InlineData("*")]
    public async Task An_api_serving_other_communes_lists_those(string served)
    {
        var port = FreePort.Next();
        var env = system.ApiEnvironment(port);
        env["Routing__ServedCommunes__0"] = served;
        var api = system.Start($"reference-api-{served}", SystemFixture.ApiDll, env);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.Ok(() => http.GetAsync("/health/ready"));
            Assert.Equal(CommunesServedBy(served), await Communes(http));
        }
        finally
        {
            SystemFixture.Stop(api);
        }
    }
}
