using System.Reflection;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.Deploy;

/// <summary>
/// deploy/local/test.sh --tier runs the folders tiers.txt lists for a tier. A test in a folder no tier names would be
/// run by the whole suite but by no tier, and a developer running the fast tier would never know: so every folder
/// holding tests must be in exactly one tier, and every folder a tier names must hold tests.
/// </summary>
public sealed class TestTierTests
{
    private const string Prefix = "BacGiang.Incidents.Tests.";

    private static Dictionary<string, string[]> Tiers() =>
        File.ReadAllLines(Path.Combine(Repo.Root, "tests", "BacGiang.Incidents.Tests", "tiers.txt"))
            .Where(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))
            .Select(l => l.Split(':', 2))
            .ToDictionary(p => p[0].Trim(), p => p[1].Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static IEnumerable<string> FoldersWithTests() => typeof(TestTierTests).Assembly.GetTypes()
        .Where(t => t.GetMethods().Any(m => m.GetCustomAttributes<FactAttribute>(inherit: true).Any()))
        .Select(t => t.Namespace ?? "")
        .Select(n => n.StartsWith(Prefix, StringComparison.Ordinal) ? n[Prefix.Length..].Split('.')[0] : $"(namespace {n})")
        .Distinct();

    [Fact]
    public void Every_folder_with_tests_is_in_exactly_one_tier_and_every_tier_folder_has_tests()
    {
        var tiers = Tiers();
        Assert.Equal(new[] { "browser", "cluster", "end-to-end", "unit" }, tiers.Keys.Order(StringComparer.Ordinal));
        var folders = FoldersWithTests().ToList();
        foreach (var folder in folders)
        {
            var holding = tiers.Where(t => t.Value.Contains(folder)).Select(t => t.Key).ToList();
            Assert.True(holding.Count == 1, $"Test folder {folder} is in {holding.Count} tiers ({string.Join(", ", holding)}) of tiers.txt; it must be in one.");
        }
        foreach (var (tier, named) in tiers)
            foreach (var folder in named)
                Assert.True(folders.Contains(folder), $"tiers.txt puts {folder} in {tier}, but no test is in that folder.");
    }

    [Fact]
    public void The_test_script_reads_the_tiers_file()
    {
        var script = File.ReadAllText(Path.Combine(Repo.Root, "deploy", "local", "test.sh"));
        Assert.Contains("tests/BacGiang.Incidents.Tests/tiers.txt", script);
        Assert.Contains("FullyQualifiedName~BacGiang.Incidents.Tests.$folder.", script);
    }
}
