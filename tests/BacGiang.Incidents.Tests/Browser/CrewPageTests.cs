using System.Net;
using System.Text.RegularExpressions;
using BacGiang.Incidents.Tests.EndToEnd;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using Http = BacGiang.Incidents.Tests.EndToEnd.Api;

namespace BacGiang.Incidents.Tests.Browser;

/// <summary>
/// Field dispatch in the browser (docs/dispatch.md): a dispatcher sends a crew from the agency console, a crew member
/// takes the job on the crew page on a phone and resolves it with a photo, and the console follows every step live.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class CrewPageTests(SystemFixture system, BrowserFixture browser, ITestOutputHelper log) : IClassFixture<BrowserFixture>, IDisposable
{
    // URENCO's Quế Võ truck and its one member (data/crews.csv): garbage reports are URENCO's.
    private const string CrewId = "urenco-qv-1";
    private const string Member = "a-urenco-staff-2";

    private static readonly string Screenshots = Path.Combine(Repo.Root, ".local", "screenshots");
    private readonly List<string> violations = [];

    public void Dispose() => Assert.Empty(violations);

    [Fact]
    public async Task A_crew_takes_a_job_on_its_phone_and_the_agency_console_follows_each_step_live()
    {
        var id = await Http.FileReport(system.Http, Reports.DaiSon);
        using (var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon))
            Assert.Equal(HttpStatusCode.OK, (await Http.Post(officer, $"/api/incidents/{id}/acknowledge", new { note = "Đã xác minh" })).Response.StatusCode);

        // The crew page is open before there is a job: the job must come to it.
        var phone = await CrewPhone();
        var status = phone.GetByTestId("crew-status");
        await Assertions.Expect(status).ToHaveTextAsync("Sẵn sàng");
        await Assertions.Expect(phone.Locator("#noJob")).ToBeVisibleAsync();

        var console = await SignIn("AgencyStaff", "urenco", null, new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        await Assertions.Expect(console.Locator("#live")).ToHaveAttributeAsync("data-up", "true");
        var board = console.Locator($"#crewRows tr[data-crew='{CrewId}'] [data-field=status]");
        await Assertions.Expect(board).ToHaveTextAsync("Sẵn sàng");
        await Accessibility.AssertAccessible(console, "agency console with crews", log);

        // The dispatcher picks the crew among the suggestions.
        var row = console.Locator($"tr[data-id='{id}']");
        await row.GetByRole(AriaRole.Button, new() { Name = "Giao tổ" }).ClickAsync();
        var suggestion = console.Locator($"#assignList li[data-crew='{CrewId}']");
        await Assertions.Expect(suggestion).ToContainTextAsync("Xe thu gom rác – Quế Võ");
        await suggestion.GetByRole(AriaRole.Button, new() { Name = "Giao" }).ClickAsync();
        await Assertions.Expect(console.Locator("#assignDialog")).ToBeHiddenAsync();
        await Assertions.Expect(board).ToHaveTextAsync("Được giao việc");
        await Assertions.Expect(row.Locator("[data-field=crew]")).ToHaveTextAsync("Xe thu gom rác – Quế Võ: Đã giao tổ");

        // A second dispatcher's try to send the same crew elsewhere is refused, and the console says why.
        var other = await Http.FileReport(system.Http, Reports.DaiSon);
        var otherRow = console.Locator($"tr[data-id='{other}']");
        await otherRow.GetByRole(AriaRole.Button, new() { Name = "Giao tổ" }).ClickAsync();
        await console.Locator($"#assignList li[data-crew='{CrewId}']").GetByRole(AriaRole.Button, new() { Name = "Giao" }).ClickAsync();
        await Assertions.Expect(console.Locator("#assignError")).ToContainTextAsync($"on incident {id}");
        await console.GetByRole(AriaRole.Button, new() { Name = "Huỷ" }).ClickAsync();

        // The crew page's own polling brings the job.
        await Assertions.Expect(status).ToHaveTextAsync("Được giao việc", new() { Timeout = 45_000 });
        await Assertions.Expect(phone.Locator("[data-field=address]")).ToHaveTextAsync("Thôn Đồng Gianh");
        var directions = await phone.Locator("#directions").GetAttributeAsync("href");
        Assert.StartsWith("https://www.google.com/maps/dir/?api=1&destination=21.", directions);
        Assert.True(await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), "the crew page scrolls sideways on a 390 px phone");
        Assert.True(await phone.Locator("#moves button").First.EvaluateAsync<double>("b => b.getBoundingClientRect().height") >= 48, "touch targets are at least 48 px high");
        await Screenshot(phone, "crew-job.png");
        await Accessibility.AssertAccessible(phone, "crew page with a job", log);

        await phone.GetByRole(AriaRole.Button, new() { Name = "Nhận việc" }).ClickAsync();
        await Assertions.Expect(board).ToHaveTextAsync("Được giao việc (Tổ đã nhận)");

        await phone.GetByRole(AriaRole.Button, new() { Name = "Lên đường" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Đang di chuyển");
        await Assertions.Expect(board).ToHaveTextAsync("Đang di chuyển");
        await Assertions.Expect(row.Locator("[data-field=crew]")).ToHaveTextAsync("Xe thu gom rác – Quế Võ: Tổ đang đến");
        // The phone's position reaches the console while the crew drives.
        await Assertions.Expect(phone.Locator("#saved")).ToHaveAttributeAsync("data-position", "sent");
        await Assertions.Expect(console.Locator($"#crewRows tr[data-crew='{CrewId}'] [data-field=position]")).Not.ToHaveTextAsync("chưa có");
        await Assertions.Expect(console.Locator($"#crewsMap circle[data-crew='{CrewId}']")).ToHaveAttributeAsync("fill", "#0b5cad");
        await Screenshot(console, "agency-crews.png", fullPage: true);

        // The province's dashboard draws every agency's crews by status: this one in blue, on its way.
        var dashboard = await SignIn("Supervisor", null, null, new BrowserNewContextOptions { ViewportSize = new() { Width = 1280, Height = 900 } });
        await Assertions.Expect(dashboard.Locator($"#crews circle[data-crew='{CrewId}']")).ToHaveAttributeAsync("fill", "#0b5cad");
        await Assertions.Expect(dashboard.Locator("#crews .legend")).ToContainTextAsync("Đang di chuyển (");
        await dashboard.Locator("#crews figure").ScreenshotAsync(new LocatorScreenshotOptions { Path = Path.Combine(Screenshots, "dashboard-crews.png") });

        await phone.GetByRole(AriaRole.Button, new() { Name = "Đã đến nơi" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Tại hiện trường");
        await Assertions.Expect(board).ToHaveTextAsync("Tại hiện trường");

        await phone.Locator("#outcome").SelectOptionAsync("fixed");
        await phone.Locator("#note").FillAsync("Đã thu gom hết rác");
        await phone.Locator("#photo").SetInputFilesAsync(new FilePayload { Name = "sau.png", MimeType = "image/png", Buffer = TestImages.Png(120, 90) });
        await Assertions.Expect(phone.Locator("#photoState")).ToHaveTextAsync("Đã tải ảnh lên");
        var photoUrl = await phone.Locator("#photoState").GetAttributeAsync("data-url");
        await Screenshot(phone, "crew-resolve.png", fullPage: true);
        await phone.GetByRole(AriaRole.Button, new() { Name = "Xác nhận kết quả xử lý" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Sẵn sàng");
        await Assertions.Expect(phone.Locator("#noJob")).ToBeVisibleAsync();
        await Assertions.Expect(board).ToHaveTextAsync("Sẵn sàng");

        using var supervisor = await system.ClientFor("Supervisor");
        var incident = (await Http.Get(supervisor, $"/api/incidents/{id}")).Body;
        Assert.Equal("resolved", incident.GetProperty("status").GetString());
        Assert.Equal(photoUrl, incident.GetProperty("resolution").GetProperty("photoUrl").GetString());
        var types = (await Http.Get(supervisor, $"/api/incidents/{id}/timeline")).Body.EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Equal(["CrewAssigned", "CrewAccepted", "CrewEnRoute", "CrewArrived", "Resolved"],
            types.Where(t => t is "CrewAssigned" or "CrewAccepted" or "CrewEnRoute" or "CrewArrived" or "Resolved"));

        // The incident page names each crew step and shows the photo taken on scene.
        await console.GotoAsync($"/incident.html?id={id}");
        foreach (var (type, label) in new[] { ("CrewAssigned", "Giao tổ xử lý"), ("CrewAccepted", "Tổ nhận việc"), ("CrewEnRoute", "Tổ lên đường"), ("CrewArrived", "Tổ đến hiện trường") })
            await Assertions.Expect(console.Locator($"#timeline li[data-type={type}]")).ToContainTextAsync($"{label} (nhân viên cơ quan) Xe thu gom rác – Quế Võ");
        await Assertions.Expect(console.Locator("[data-field=outcome]")).ToHaveTextAsync("Đã khắc phục — Đã thu gom hết rác");
        await Assertions.Expect(console.Locator($"#photos img[data-photo='{photoUrl}']")).ToHaveAttributeAsync("src", new Regex("^blob:"));

        // The citizen following the report sees the crew on its way and arriving.
        await phone.GotoAsync($"/track.html?code={incident.GetProperty("trackingCode").GetString()}");
        await Assertions.Expect(phone.Locator("#steps")).ToContainTextAsync("Tổ xử lý đang đến");
        await Assertions.Expect(phone.Locator("#steps")).ToContainTextAsync("Tổ xử lý đã đến nơi");
    }

    [Fact]
    public async Task A_crew_declines_a_job_only_with_a_reason_and_the_page_speaks_english_on_request()
    {
        var id = await Http.FileReport(system.Http, Reports.DaiSon);
        using (var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon))
            Assert.Equal(HttpStatusCode.OK, (await Http.Post(officer, $"/api/incidents/{id}/acknowledge", new { note = "Đã xác minh" })).Response.StatusCode);
        using (var dispatcher = await system.ClientFor("AgencyStaff", agency: "urenco"))
            Assert.Equal(HttpStatusCode.OK, (await Http.Post(dispatcher, $"/api/incidents/{id}/assign-crew", new { crewId = CrewId })).Response.StatusCode);

        var phone = await CrewPhone();
        var status = phone.GetByTestId("crew-status");
        await Assertions.Expect(status).ToHaveTextAsync("Được giao việc");
        var decline = phone.GetByRole(AriaRole.Button, new() { Name = "Từ chối việc" });
        await decline.ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Alert)).ToContainTextAsync("needs a reason");
        await Assertions.Expect(status).ToHaveTextAsync("Được giao việc");

        await phone.GetByLabel("Lý do").FillAsync("Xe hỏng lốp");
        await decline.ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Sẵn sàng");
        await Assertions.Expect(phone.Locator("#noJob")).ToBeVisibleAsync();
        using var supervisor = await system.ClientFor("Supervisor");
        var released = (await Http.Get(supervisor, $"/api/incidents/{id}/timeline")).Body.EnumerateArray().Single(e => e.GetProperty("type").GetString() == "CrewReleased");
        Assert.Equal("Xe hỏng lốp", released.GetProperty("reason").GetString());

        await phone.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Available");
        await Assertions.Expect(phone.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My crew");
        await Accessibility.AssertAccessible(phone, "crew page without a job, in English", log);
    }

    /// <summary>Signs in through the development sign-in form; a staff id makes the user that member of a crew.</summary>
    private async Task<IPage> SignIn(string role, string? agency, string? staffId, BrowserNewContextOptions options)
    {
        options.BaseURL = system.Http.BaseAddress!.ToString();
        var context = await browser.Browser.NewContextAsync(options);
        var page = await context.NewPageAsync();
        var name = staffId ?? role;
        page.Console += (_, message) =>
        {
            log.WriteLine($"[browser {name} {message.Type}] {message.Text}");
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) lock (violations) violations.Add(message.Text);
        };
        page.PageError += (_, error) => log.WriteLine($"[browser {name} error] {error}");
        page.Response += (_, r) => { if (r.Status >= 400) log.WriteLine($"[browser {name} {r.Status}] {r.Url}"); };
        await page.GotoAsync("/index.html");
        await page.GetByLabel("Vai trò").SelectOptionAsync(role);
        if (agency is not null) await page.GetByLabel("Cơ quan").SelectOptionAsync(agency);
        if (staffId is not null) await page.GetByLabel("Mã cán bộ").FillAsync(staffId);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        // The URL is polled rather than a navigation awaited: a quick sign-in may have navigated before the wait began.
        await Assertions.Expect(page).ToHaveURLAsync(new Regex(role == "Supervisor" ? "/supervisor\\.html$" : "/inbox\\.html\\?agency="));
        return page;
    }

    /// <summary>A crew member signs in on a phone and goes from the agency queue to the crew page.</summary>
    private async Task<IPage> CrewPhone()
    {
        var page = await SignIn("AgencyStaff", "urenco", Member, new BrowserNewContextOptions
        {
            ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2,
            Geolocation = new() { Latitude = 21.2f, Longitude = 106.1f }, Permissions = ["geolocation"],
        });
        await page.GetByRole(AriaRole.Link, new() { Name = "Tổ của tôi" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/crew\\.html$"));
        return page;
    }

    private static async Task Screenshot(IPage page, string name, bool fullPage = false)
    {
        Directory.CreateDirectory(Screenshots);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, name), FullPage = fullPage });
    }
}
