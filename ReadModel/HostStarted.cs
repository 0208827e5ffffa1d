using Microsoft.Extensions.Hosting;

namespace BacGiang.Incidents.ReadModel;

/// <summary>What the silo's background sweeps share: waiting for the host (grain calls need the silo up) and pausing.</summary>
public static class HostStarted
{
    /// <summary>True once the host has started; false if it stops first.</summary>
    public static async Task<bool> Wait(IHostApplicationLifetime lifetime, CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        await using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        await using var onStopping = stoppingToken.Register(() => started.TrySetCanceled());
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public static async Task Pause(TimeSpan interval, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(interval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
