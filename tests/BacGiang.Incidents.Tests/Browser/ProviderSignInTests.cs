using System.Net;
using System.Net.Http.Headers;
using BacGiang.Incidents.Tests.EndToEnd;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.Browser;

/// <summary>
/// The console signing in at an OpenID Connect provider, with an API configured as a deployment would be: tokens
/// from the provider only (its keys from its metadata), no development tokens, no shared signing key.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class ProviderSignInTests(SystemFixture system, BrowserFixture browser, ITestOutputHelper log) : IClassFixture<BrowserFixture>
{
    private static FakeIdentityProvider Provider() => new(new()
    {
        ["officer.daison"] = new() { ["role"] = "CommuneOfficer", ["commune"] = Reports.DaiSon, ["name"] = "Nguyễn Văn An" },
        ["no.role"] = new() { ["name"] = "Khách" },
    });

    /// <summary>Runs <paramref name="test"/> against an API of this system that trusts <paramref name="idp"/> alone.</summary>
    private async Task WithProviderApi(FakeIdentityProvider idp, Func<HttpClient, Task> test)
    {
        var port = FreePort.Next();
        var env = system.ApiEnvironment(port);
        env["Auth__Authority"] = idp.Issuer;
        env["Auth__Issuer"] = idp.Issuer;
        env["Auth__RequireHttpsMetadata"] = "false";
        env["Auth__SigningKey"] = "";
        env["Auth__DevTokens__Enabled"] = "false";
        env["Auth__Console__ClientId"] = FakeIdentityProvider.ClientId;
        var api = system.Start("provider-api", SystemFixture.ApiDll, env);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        try
        {
            await Eventually.Ok(() => http.GetAsync("/health/ready"));
            await test(http);
        }
        finally
        {
            SystemFixture.Stop(api);
        }
    }

    [Fact]
    public async Task An_officer_signs_in_at_the_identity_provider_and_lands_in_the_communes_inbox()
    {
        using var idp = Provider();
        await WithProviderApi(idp, async http =>
        {
            var id = await EndToEnd.Api.FileReport(http, Reports.DaiSon);

            var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = http.BaseAddress!.ToString() });
            var page = await context.NewPageAsync();
            page.PageError += (_, error) => log.WriteLine($"[browser error] {error}");
            await page.GotoAsync("/index.html");
            await Assertions.Expect(page.Locator("#signin")).ToBeHiddenAsync(); // no development sign-in here
            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập bằng tài khoản của tỉnh" }).ClickAsync();

            await page.GetByLabel("Username").FillAsync("officer.daison");
            await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

            await page.WaitForURLAsync($"**/inbox.html?commune={Reports.DaiSon}");
            await Assertions.Expect(page.Locator($"tr[data-id='{id}']")).ToBeVisibleAsync();
            Assert.Equal(1, idp.Exchanges);
            Assert.Equal(0, idp.Refusals);

            await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
            // The URL is what signing out decides; waiting for the page's load event as well once timed out in CI
            // with the URL already reached (Playwright was left waiting in WaitForLoadState).
            await page.WaitForURLAsync("**/index.html", new() { WaitUntil = WaitUntilState.Commit });
            Assert.Equal(1, idp.Logouts);
        });
    }

    [Fact]
    public async Task The_api_takes_the_providers_tokens_and_refuses_forged_or_roleless_ones()
    {
        using var idp = Provider();
        await WithProviderApi(idp, async http =>
        {
            async Task<(HttpStatusCode Status, string Body)> Me(string token)
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request);
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }

            var me = await Me(idp.AccessToken("officer.daison"));
            Assert.Equal(HttpStatusCode.OK, me.Status);
            Assert.Contains("\"role\":\"CommuneOfficer\"", me.Body);
            Assert.Contains("\"name\":\"Nguyễn Văn An\"", me.Body);
            Assert.Equal(HttpStatusCode.Unauthorized, (await Me(idp.AccessToken("officer.daison", forged: true))).Status);
            // A provider that sends no role (a missing claim mapper) gets a 403 that says so, for the sign-in page to show.
            var roleless = await Me(idp.AccessToken("no.role"));
            Assert.Equal(HttpStatusCode.Forbidden, roleless.Status);
            Assert.Contains("no usable role", roleless.Body);
            // Development tokens are not issued here, and the options say so.
            Assert.Equal(HttpStatusCode.NotFound, (await http.PostAsync("/dev/token", null)).StatusCode);
            var options = await (await http.GetAsync("/api/auth/options")).Content.ReadAsStringAsync();
            Assert.Contains("\"devTokens\":false", options);
            Assert.Contains($"\"tokenEndpoint\":\"{idp.Issuer}/token\"", options);
        });
    }
}
