using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Tests.EndToEnd;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Http = BacGiang.Incidents.Tests.EndToEnd.Api;

namespace BacGiang.Incidents.Tests.Browser;

/// <summary>The citizen's pages on a 390 px phone in Debian's Chromium (issue 14): report, track, rate, public figures.</summary>
[Collection(SystemCollection.Name)]
public sealed class CitizenPageTests(SystemFixture system, BrowserFixture browser, ITestOutputHelper log) : IClassFixture<BrowserFixture>
{
    private static readonly string Screenshots = Path.Combine(Repo.Root, ".local", "screenshots");

    private async Task<(IBrowserContext Context, IPage Page)> Phone(string path)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
            BaseURL = system.Http.BaseAddress!.ToString(),
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) => log.WriteLine($"[browser {message.Type}] {message.Text}");
        page.PageError += (_, error) => log.WriteLine($"[browser error] {error}");
        await page.GotoAsync(path);
        return (context, page);
    }

    private async Task Screenshot(IPage page, string name)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name), FullPage = true });
    }

    /// <summary>Category, words and commune: no location, so it is never taken for a duplicate of another test's report.</summary>
    private static async Task FillIn(IPage page, string description)
    {
        await page.GetByRole(AriaRole.Button, new() { Name = "Đổ rác thải trái phép" }).ClickAsync();
        await page.GetByLabel("Mô tả").FillAsync(description);
        await page.GetByLabel("Xã/phường").SelectOptionAsync(Reports.DaiSon);
    }

    private async Task<int> Found(string marker)
    {
        using var supervisor = await system.ClientFor("Supervisor");
        var (_, page) = await Http.Get(supervisor, $"/api/incidents?q={Uri.EscapeDataString(marker)}");
        return page.GetProperty("items").GetArrayLength();
    }

    [Fact]
    public async Task A_report_whose_answer_is_lost_waits_in_the_browser_and_arrives_exactly_once()
    {
        var (context, page) = await Phone("/report.html");
        await using var _ = context;
        var marker = $"matketnoi{Guid.NewGuid():N}"[..24];
        await FillIn(page, $"Rác đổ trộm {marker}");
        // The first send reaches the server, but its answer is lost on the way back, as on a dropping mobile link.
        var sent = 0;
        await page.RouteAsync("**/api/reports", async route =>
        {
            if (Interlocked.Increment(ref sent) == 1)
            {
                await route.FetchAsync();
                await route.AbortAsync("internetdisconnected");
            }
            else await route.ContinueAsync();
        });
        await context.SetOfflineAsync(false);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi phản ánh" }).ClickAsync();
        await Assertions.Expect(page.Locator("#queued")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("đang chờ gửi")).ToBeVisibleAsync();
        await Screenshot(page, "citizen-report-queued.png");

        // The connection comes back: the browser sends it again with the same Idempotency-Key.
        await context.SetOfflineAsync(true);
        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^BG-\w{4}-\w{4}$"));
        Assert.Equal(2, sent);
        Assert.Equal(1, await Found(marker));
        // Nothing is left waiting: a reload sends nothing more.
        await page.ReloadAsync();
        await Assertions.Expect(page.GetByText("đang chờ gửi")).ToHaveCountAsync(0);
        Assert.Equal(1, await Found(marker));
    }

    [Fact]
    public async Task A_report_made_offline_is_sent_when_the_connection_returns()
    {
        var (context, page) = await Phone("/report.html");
        await using var _ = context;
        var marker = $"ngoaituyen{Guid.NewGuid():N}"[..24];
        await FillIn(page, $"Rác ven đường {marker}");
        await Screenshot(page, "citizen-report.png");
        await context.SetOfflineAsync(true);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi phản ánh" }).ClickAsync();
        await Assertions.Expect(page.Locator("#queued")).ToBeVisibleAsync();
        Assert.Equal(0, await Found(marker));
        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("#done")).ToBeVisibleAsync();
        Assert.Equal(1, await Found(marker));
    }

    [Fact]
    public async Task The_public_page_shows_figures_and_a_coarse_map_and_no_one()
    {
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        var at = Http.NextPoint();
        var (filed, body) = await Http.Post(system.Http, "/api/reports", new
        {
            category = "street_light", description = $"Đèn hỏng, gọi {phone}", lat = at.Lat, lon = at.Lon, communeCode = Reports.DaiSon,
            reporter = new { name = "Người Công Khai", phone },
        });
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var code = body.GetProperty("trackingCode").GetString()!;

        using var response = await system.Http.GetAsync("/api/public/transparency");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var personal in new[] { phone, "Người Công Khai", code, "Đèn hỏng" }) Assert.DoesNotContain(personal, text);
        var view = JsonDocument.Parse(text).RootElement;
        Assert.Equal([30, 90], view.GetProperty("periods").EnumerateArray().Select(p => p.GetProperty("days").GetInt32()));
        // Every open place is a cell centre on the 0.005° grid, never a report's own coordinates.
        foreach (var cell in view.GetProperty("openCells").EnumerateArray())
            foreach (var axis in new[] { "lat", "lon" })
            {
                var steps = cell.GetProperty(axis).GetDouble() / 0.005 - 0.5;
                Assert.True(Math.Abs(steps - Math.Round(steps)) < 1e-6, $"{axis} {cell.GetProperty(axis).GetDouble()} is not a cell centre");
            }

        var (context, page) = await Phone("/public.html");
        await using var _ = context;
        await Assertions.Expect(page.Locator("#communes tr").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#cells circle").First).ToBeAttachedAsync();
        await Screenshot(page, "citizen-public.png");
    }
}
