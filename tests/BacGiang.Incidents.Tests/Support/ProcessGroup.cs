using System.Collections.Concurrent;
using System.Diagnostics;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>The built Silo and Api binaries run as real processes, their output kept for diagnosis.</summary>
public sealed class ProcessGroup : IDisposable
{
    private readonly ConcurrentQueue<string> output = new();
    private readonly List<Process> started = [];

    public static string SiloDll => Binary("Silo", "BacGiang.Incidents.Silo.dll");
    public static string ApiDll => Binary("Api", "BacGiang.Incidents.Api.dll");

    public Process Start(string name, string dll, IReadOnlyDictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Capture(name, e.Data);
        process.ErrorDataReceived += (_, e) => Capture(name, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        lock (started) started.Add(process);
        return process;
    }

    public string OutputOf(string name) => string.Join("\n", output.Where(l => l.StartsWith($"[{name}]", StringComparison.Ordinal)));

    public string Tail(int lines) => string.Join("\n", output.TakeLast(lines));

    /// <summary>SIGKILL: no shutdown hooks, no flush, the way a crash or the OOM killer ends a process.</summary>
    public static void Kill(Process? process)
    {
        if (process is null || process.HasExited) return;
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    public void Dispose()
    {
        lock (started) foreach (var p in started) Kill(p);
    }

    private void Capture(string name, string? line)
    {
        if (line is null) return;
        output.Enqueue($"[{name}] {line}");
        while (output.Count > 20_000) output.TryDequeue(out _);
    }

    private static string Binary(string project, string dll)
    {
        var path = Path.Combine(Repo.Root, project, "bin", Repo.Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"Build {project} first ({path} is missing).");
    }
}
