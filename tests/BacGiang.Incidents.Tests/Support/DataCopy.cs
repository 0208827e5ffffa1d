namespace BacGiang.Incidents.Tests.Support;

/// <summary>A private copy of data/ a test may edit, removed afterwards.</summary>
public sealed class DataCopy : IDisposable
{
    public string Directory { get; } = Path.Combine(Path.GetTempPath(), "bg-data-" + Guid.NewGuid().ToString("N"));

    public DataCopy()
    {
        System.IO.Directory.CreateDirectory(Directory);
        foreach (var dir in System.IO.Directory.GetDirectories(Repo.DataDirectory, "*", SearchOption.AllDirectories))
            System.IO.Directory.CreateDirectory(dir.Replace(Repo.DataDirectory, Directory));
        foreach (var file in System.IO.Directory.GetFiles(Repo.DataDirectory, "*", SearchOption.AllDirectories))
            File.Copy(file, file.Replace(Repo.DataDirectory, Directory));
    }

    /// <summary>Replaces the SLA policy row of one category and priority.</summary>
    public DataCopy WithPolicy(string categoryAndPriority, string row)
    {
        var path = Path.Combine(Directory, "sla-policies.csv");
        File.WriteAllLines(path, File.ReadAllLines(path).Select(l => l.StartsWith(categoryAndPriority + ",", StringComparison.Ordinal) ? row : l));
        return this;
    }

    /// <summary>Replaces every row of one escalation ladder with the given rows.</summary>
    public DataCopy WithLadder(string ladder, params string[] rows)
    {
        var path = Path.Combine(Directory, "escalation-ladders.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Where(l => !l.StartsWith(ladder + ",", StringComparison.Ordinal)).Concat(rows));
        return this;
    }

    /// <summary>Rewrites rows of the sample roster (data/people/roster.csv); the header is left alone.</summary>
    public DataCopy WithRoster(Func<string, string> edit)
    {
        var path = Path.Combine(Directory, "people", "roster.csv");
        var lines = File.ReadAllLines(path);
        File.WriteAllLines(path, lines.Take(1).Concat(lines.Skip(1).Select(edit)));
        return this;
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
