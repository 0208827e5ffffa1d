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

    // A 1×1 PNG: the page decodes it, downscales and re-encodes it as JPEG before uploading.
    private static readonly byte[] Png = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");

    [Fact]
    public async Task A_report_with_a_photo_arrives_with_the_photo_stored_by_the_system()
    {
        var (context, page) = await Phone("/report.html");
        await using var _ = context;
        var marker = $"coanh{Guid.NewGuid():N}"[..20];
        await FillIn(page, $"Rác có ảnh {marker}");
        await page.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "rac.png", MimeType = "image/png", Buffer = Png });
        await Assertions.Expect(page.Locator("#previews img")).ToHaveCountAsync(1);
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi phản ánh" }).ClickAsync();
        await Assertions.Expect(page.Locator("#done")).ToBeVisibleAsync();
        var code = await page.Locator("#code").TextContentAsync();

        using var supervisor = await system.ClientFor("Supervisor");
        var incident = (await Http.Get(supervisor, $"/api/incidents/{code}")).Body;
        var photo = Assert.Single(incident.GetProperty("report").GetProperty("photos").EnumerateArray()).GetString()!;
        Assert.StartsWith("/api/photos/", photo);
        using var image = await supervisor.GetAsync(photo);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Tracking_shows_the_outcome_with_its_note_and_photo_and_takes_one_rating()
    {
        var (filed, body) = await Http.Post(system.Http, "/api/reports", Http.GarbageReport(Reports.DaiSon, "Rác chất đống ở ngõ 5"));
        Assert.Equal(HttpStatusCode.Created, filed.StatusCode);
        var code = body.GetProperty("trackingCode").GetString()!;
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(Png) { Headers = { ContentType = new("image/png") } }, "photo", "sau.png" } };
        using var uploaded = await system.Http.PostAsync("/api/photos", upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var photoUrl = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString();
        using var staff = await system.ClientFor("Supervisor");
        foreach (var action in new[] { "acknowledge", "start" })
            Assert.Equal(HttpStatusCode.OK, (await Http.Post(staff, $"/api/incidents/{code}/{action}", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.Post(staff, $"/api/incidents/{code}/resolve", new { outcome = "fixed", note = "Đã thu gom sạch", photoUrl })).Response.StatusCode);

        var (context, page) = await Phone($"/track.html?code={code}");
        await using var _ = context;
        await Assertions.Expect(page.Locator("#outcomeText")).ToHaveTextAsync("Đã khắc phục");
        await Assertions.Expect(page.Locator("#resolutionNote")).ToContainTextAsync("Đã thu gom sạch");
        await Assertions.Expect(page.Locator("#resolutionPhoto img")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#resolutionPhoto img").EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "the photo after the work loads");
        await Screenshot(page, "citizen-track.png");

        await page.GetByLabel("★★★★☆").CheckAsync();
        await page.GetByLabel("Nhận xét").FillAsync("Xử lý nhanh");
        await page.GetByRole(AriaRole.Button, new() { Name = "Gửi đánh giá" }).ClickAsync();
        await Assertions.Expect(page.Locator("#ratedStars")).ToHaveTextAsync("★★★★☆");
        await Assertions.Expect(page.Locator("#rate")).ToBeHiddenAsync();
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("#ratedStars")).ToHaveTextAsync("★★★★☆");
        await Assertions.Expect(page.Locator("#rate")).ToBeHiddenAsync();
        // Once: a second rating is refused and the first stays.
        var (again, _) = await Http.Post(system.Http, $"/api/track/{code}/rating", new { stars = 1 });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var tracked = (await Http.Get(system.Http, $"/api/track/{code}")).Body;
        Assert.Equal(4, tracked.GetProperty("rating").GetProperty("stars").GetInt32());
    }
}
