using System.Diagnostics;
using System.Text.RegularExpressions;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.Scripts;

/// <summary>
/// deploy/local/run.sh as a developer runs it, in a state folder of its own under .local/ (its own PostgreSQL, logs
/// and pid files) on free ports, with the binaries this test run was built with.
/// </summary>
public sealed partial class RunScriptTests : IAsyncLifetime
{
    private readonly string state = Path.Combine(Repo.Root, ".local", "run-script-" + Guid.NewGuid().ToString("N")[..8]);

    private Dictionary<string, string> Environment() => new()
    {
        ["STATE_DIR"] = state,
        ["NO_BUILD"] = "1",
        ["CONFIGURATION"] = Repo.Configuration,
        ["API_PORT"] = FreePort.Next().ToString(),
        ["PG_PORT"] = FreePort.Next().ToString(),
        ["SILO_PORT"] = FreePort.Next().ToString(),
        ["GATEWAY_PORT"] = FreePort.Next().ToString(),
    };

    public Task InitializeAsync() => Task.CompletedTask;

    /// <summary>Whatever the script left behind (it should leave nothing) is stopped, and its folder removed.</summary>
    public async Task DisposeAsync()
    {
        await LocalScripts.Run("stop.sh", [], new Dictionary<string, string> { ["STATE_DIR"] = state }, TimeSpan.FromSeconds(60));
        if (Directory.Exists(state)) Directory.Delete(state, recursive: true);
    }

    [Fact]
    public async Task An_api_that_exits_at_start_stops_the_run_at_once_with_its_log_and_the_silo_stopped()
    {
        var environment = Environment();
        // Refused by the API's options validation (1 … 86,400): the API stops within its first second.
        environment["Health__MaxProjectionLagSeconds"] = "0";

        // Bounded below the script's own 120 s wait for readiness: before the fix it polled /health/ready all that time.
        var run = await LocalScripts.Run("run.sh", ["--detach"], environment, TimeSpan.FromSeconds(100));

        Assert.NotEqual(0, run.ExitCode);
        Assert.Matches(@"api \(pid \d+\) exited with status 1", run.Output);
        Assert.Contains("MaxProjectionLagSeconds", run.Output); // the API log's last lines say why
        Assert.DoesNotContain("did not become ready", run.Output);
        var silo = int.Parse(SiloPid().Match(run.Output).Groups[1].Value);
        Assert.False(Alive(silo), $"silo (pid {silo}) still runs:\n{run.Output}");
        Assert.Empty(Directory.GetFiles(Path.Combine(state, "run"), "*.pid"));
    }

    private static bool Alive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"Silo 0 started \(pid (\d+)")]
    private static partial Regex SiloPid();
}
