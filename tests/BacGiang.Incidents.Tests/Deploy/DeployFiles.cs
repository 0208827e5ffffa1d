using System.Text.RegularExpressions;
using BacGiang.Incidents.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace BacGiang.Incidents.Tests.Deploy;

/// <summary>One Kubernetes object: its parsed YAML and its own text (for the settings named in comments).</summary>
public sealed record Manifest(string File, YamlMappingNode Root, string Text)
{
    public string Kind => Root.Str("kind");
    public string Name => Root.Map("metadata").Str("name");

    public static IReadOnlyList<Manifest> Parse(string file, string text) =>
        Regex.Split(text, @"^---\s*$", RegexOptions.Multiline)
            .Where(chunk => chunk.Split('\n').Any(line => line.Trim() is { Length: > 0 } t && !t.StartsWith('#')))
            .Select(chunk =>
            {
                var stream = new YamlStream();
                stream.Load(new StringReader(chunk));
                return new Manifest(file, (YamlMappingNode)stream.Documents.Single().RootNode, chunk);
            })
            .ToList();

    public static IReadOnlyList<Manifest> All { get; } = Directory
        .GetFiles(Path.Combine(Repo.Root, "deploy", "k8s"), "*.yaml", SearchOption.AllDirectories)
        .Order(StringComparer.Ordinal)
        .SelectMany(f => Parse(Path.GetRelativePath(Repo.Root, f), System.IO.File.ReadAllText(f)))
        .ToList();
}

public static class Yaml
{
    public static YamlNode? Get(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    public static YamlMappingNode Map(this YamlMappingNode node, string key) =>
        node.Get(key) as YamlMappingNode ?? throw new KeyNotFoundException($"no mapping '{key}' in {node.Start}");

    public static YamlMappingNode? MapOrNull(this YamlMappingNode node, string key) => node.Get(key) as YamlMappingNode;

    public static IEnumerable<YamlMappingNode> Maps(this YamlMappingNode node, string key) =>
        (node.Get(key) as YamlSequenceNode)?.Children.Cast<YamlMappingNode>() ?? [];

    public static string Str(this YamlMappingNode node, string key) =>
        (node.Get(key) as YamlScalarNode)?.Value ?? throw new KeyNotFoundException($"no value '{key}' in {node.Start}");

    public static string? StrOrNull(this YamlMappingNode node, string key) => (node.Get(key) as YamlScalarNode)?.Value;

    public static Dictionary<string, string> Strings(this YamlMappingNode? node) =>
        node?.Children.ToDictionary(c => ((YamlScalarNode)c.Key).Value!, c => (c.Value as YamlScalarNode)?.Value ?? "") ?? [];
}

/// <summary>A Dockerfile's instructions (continuation lines joined), in order.</summary>
public sealed record Dockerfile(string File, IReadOnlyList<(string Instruction, string Arguments)> Lines)
{
    public static Dockerfile Read(string relative)
    {
        var joined = Regex.Replace(System.IO.File.ReadAllText(Path.Combine(Repo.Root, relative)), @"\\\r?\n", " ");
        var lines = joined.Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l.Split(' ', 2))
            .Select(p => (p[0].ToUpperInvariant(), p.Length > 1 ? p[1].Trim() : ""))
            .ToList();
        return new Dockerfile(relative, lines);
    }

    /// <summary>The instructions of the stage that becomes the image: after the last FROM.</summary>
    public IEnumerable<(string Instruction, string Arguments)> FinalStage => Lines.Skip(Lines.ToList().FindLastIndex(l => l.Instruction == "FROM"));

    public Dictionary<string, string> Env => FinalStage.Where(l => l.Instruction == "ENV")
        .SelectMany(l => Regex.Matches(l.Arguments, @"([A-Za-z_][A-Za-z0-9_]*)=(\S*)"))
        .ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

    public IEnumerable<int> Exposed => FinalStage.Where(l => l.Instruction == "EXPOSE")
        .SelectMany(l => l.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Select(p => int.Parse(p.Split('/')[0]));

    public string Single(string instruction) => FinalStage.Single(l => l.Instruction == instruction).Arguments;
}

/// <summary>A systemd unit as section → key → values (keys may repeat, as EnvironmentFile= does).</summary>
public sealed record SystemdUnit(string File, ILookup<(string Section, string Key), string> Entries)
{
    public static SystemdUnit Read(string relative)
    {
        var section = "";
        var entries = new List<((string, string), string)>();
        foreach (var raw in System.IO.File.ReadAllLines(Path.Combine(Repo.Root, relative)))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(';')) continue;
            if (line.StartsWith('[')) { section = line.Trim('[', ']'); continue; }
            var eq = line.IndexOf('=');
            entries.Add(((section, line[..eq]), line[(eq + 1)..]));
        }
        return new SystemdUnit(relative, entries.ToLookup(e => e.Item1, e => e.Item2));
    }

    public IEnumerable<string> Values(string key) => Entries[("Service", key)];
    public string? Value(string key) => Values(key).LastOrDefault();

    /// <summary>Environment= assignments (NAME=value, possibly several per line).</summary>
    public Dictionary<string, string> Environment => Values("Environment")
        .SelectMany(v => v.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        .ToDictionary(a => a[..a.IndexOf('=')], a => a[(a.IndexOf('=') + 1)..]);
}

public static class EnvFile
{
    /// <summary>NAME=value lines of a systemd EnvironmentFile (comments and blank lines skipped).</summary>
    public static Dictionary<string, string> Read(string path) => System.IO.File.ReadAllLines(path)
        .Select(l => l.Trim())
        .Where(l => l.Length > 0 && !l.StartsWith('#'))
        .ToDictionary(l => l[..l.IndexOf('=')], l => l[(l.IndexOf('=') + 1)..]);
}
