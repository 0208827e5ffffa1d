// Weight and load time of the citizen pages on a cheap phone over a weak connection (issue 14): a running system
// (deploy/local/run.sh) loaded by Debian's Chromium at 390 px, the CPU slowed 4× and the network shaped by the
// DevTools protocol, with an empty cache every time.
//   dotnet bench/PageBench/bin/Release/net10.0/BacGiang.Incidents.PageBench.dll [baseUrl=http://127.0.0.1:5080] [runs=5]
using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

var baseUrl = args.Length > 0 ? args[0].TrimEnd('/') : "http://127.0.0.1:5080";
var runs = args.Length > 1 ? int.Parse(args[1]) : 5;

// A report to track: the track page is measured on a real incident.
using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
using var filed = await http.PostAsJsonAsync("/api/reports", new { category = "street_light", description = "Đèn đường hỏng (đo tải trang)", communeCode = "07627" });
filed.EnsureSuccessStatusCode();
var code = (await filed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("trackingCode").GetString();

// What each page waits for before a citizen can use it: the categories drawn, the status shown, the figures filled in.
(string Name, string Path, string Ready)[] pages =
[
    ("report", "/report.html", ".categories button"),
    ("track", $"/track.html?code={code}", "#status:not(:empty)"),
    ("public", "/public.html", "#communes tr"),
];
// Lighthouse's mobile profile, and a weak 3G link as in the hills at the province's edge.
(string Name, double DownKbps, double UpKbps, double RttMs)[] networks = [("1.6 Mbps, 150 ms", 1600, 750, 150), ("400 kbps, 400 ms", 400, 400, 400)];

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Args = ["--no-sandbox"], Headless = true });
Console.WriteLine($"Citizen pages at {baseUrl}: {runs} loads each, 390 px phone, CPU 4× slower, empty cache");
Console.WriteLine("| page | network | bytes on the wire | requests | ready (median) | ready (max) | load event (median) |");
Console.WriteLine("|---|---|---|---|---|---|---|");
foreach (var network in networks)
foreach (var (name, path, ready) in pages)
{
    var readyMs = new List<double>();
    var loadMs = new List<double>();
    long bytes = 0;
    var requests = 0;
    for (var run = 0; run < runs; run++)
    {
        await using var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, DeviceScaleFactor = 2 });
        var page = await context.NewPageAsync();
        var cdp = await context.NewCDPSessionAsync(page);
        await cdp.SendAsync("Network.enable");
        await cdp.SendAsync("Network.setCacheDisabled", new Dictionary<string, object> { ["cacheDisabled"] = true });
        await cdp.SendAsync("Network.emulateNetworkConditions", new Dictionary<string, object>
        {
            ["offline"] = false, ["latency"] = network.RttMs,
            ["downloadThroughput"] = network.DownKbps * 1000 / 8, ["uploadThroughput"] = network.UpKbps * 1000 / 8,
        });
        await cdp.SendAsync("Emulation.setCPUThrottlingRate", new Dictionary<string, object> { ["rate"] = 4 });
        var clock = Stopwatch.StartNew();
        await page.GotoAsync(baseUrl + path, new() { WaitUntil = WaitUntilState.Load, Timeout = 120_000 });
        await page.Locator(ready).First.WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        readyMs.Add(clock.Elapsed.TotalMilliseconds);
        var timing = await page.EvaluateAsync<JsonElement>("""
            () => {
              const nav = performance.getEntriesByType("navigation")[0];
              const all = [nav, ...performance.getEntriesByType("resource")];
              return { load: nav.loadEventEnd, bytes: all.reduce((n, e) => n + (e.transferSize || 0), 0), requests: all.length };
            }
            """);
        loadMs.Add(timing.GetProperty("load").GetDouble());
        bytes = timing.GetProperty("bytes").GetInt64();
        requests = timing.GetProperty("requests").GetInt32();
    }
    readyMs.Sort();
    loadMs.Sort();
    Console.WriteLine($"| {name} | {network.Name} | {bytes / 1024.0:0.0} KiB | {requests} | {readyMs[runs / 2]:0} ms | {readyMs[^1]:0} ms | {loadMs[runs / 2]:0} ms |");
}
