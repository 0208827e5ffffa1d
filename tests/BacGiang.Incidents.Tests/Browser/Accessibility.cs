using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.Browser;

/// <summary>axe-core's WCAG 2.1 A and AA rules (labels, names, contrast, structure) over one page as it stands.</summary>
public static class Accessibility
{
    public static async Task AssertAccessible(IPage page, string name, ITestOutputHelper log)
    {
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
        });
        foreach (var v in result.Violations)
            log.WriteLine($"[axe] {name}: {v.Id} ({v.Impact}) {v.Help}: {string.Join(" | ", v.Nodes.Select(n => n.Target + " " + n.Html))}");
        log.WriteLine($"[axe] {name}: {result.Passes.Length} rules passed, {result.Violations.Length} violated");
        Assert.Empty(result.Violations.Select(v => $"{name}: {v.Id}"));
    }
}
