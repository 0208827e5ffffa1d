using Microsoft.Playwright;

namespace BacGiang.Incidents.Tests.Browser;

/// <summary>
/// Debian's Chromium driven by Playwright: Playwright's own browser download cannot work here, so it is pointed at
/// /usr/bin/chromium (deploy/local/test.sh installs it), without the sandbox, which needs privileges CI lacks.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string Chromium = "/usr/bin/chromium";
    private IPlaywright? playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium)) throw new InvalidOperationException($"{Chromium} is missing: run deploy/local/test.sh, which installs Debian's chromium.");
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Args = ["--no-sandbox"], Headless = true });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}
