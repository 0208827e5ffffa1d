using System.Diagnostics;
using System.Text;

namespace BacGiang.Incidents.Tests.Support;

public sealed record ScriptResult(int ExitCode, string Output);

/// <summary>Runs the scripts of deploy/local the way a developer does: bash, from the repository's root.</summary>
public static class LocalScripts
{
    /// <summary>
    /// Runs a script to its end and returns its exit code and output (stdout and stderr interleaved). A script still
    /// running at <paramref name="bound"/> is killed with its children and the test fails: a hang must not hang the run.
    /// </summary>
    public static async Task<ScriptResult> Run(string script, IEnumerable<string> args, IReadOnlyDictionary<string, string> environment, TimeSpan bound)
    {
        var start = new ProcessStartInfo("bash", [Path.Combine("deploy", "local", script), .. args])
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment) start.Environment[key] = value;
        var output = new StringBuilder();
        void Capture(string? line)
        {
            if (line is null) return;
            lock (output) output.AppendLine(line);
        }
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Capture(e.Data);
        process.ErrorDataReceived += (_, e) => Capture(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var deadline = new CancellationTokenSource(bound);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            lock (output) throw new Xunit.Sdk.XunitException($"{script} {string.Join(' ', args)} still ran after {bound.TotalSeconds} s; its output:\n{output}");
        }
        lock (output) return new ScriptResult(process.ExitCode, output.ToString());
    }
}
