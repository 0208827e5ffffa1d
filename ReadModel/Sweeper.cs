using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// A silo's background sweep over rows every silo may work on (SLA alarms, retention, unreferenced photos): it starts
/// once the host has (grain calls need the silo up), sweeps again at once while a sweep fills its batch, otherwise
/// after <see cref="Interval"/>; a failure the next sweep can get past is logged and waited out, since what is due is
/// read from the database each time.
/// </summary>
public abstract class Sweeper(IHostApplicationLifetime lifetime, ILogger logger) : BackgroundService
{
    /// <summary>What this sweeps, for the log: "SLA alarms".</summary>
    protected abstract string What { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>Cancelled as soon as the host begins to stop, before any service (the silo itself among them) stops.</summary>
    protected CancellationToken ApplicationStopping => lifetime.ApplicationStopping;

    /// <summary>One sweep; true when it filled its batch, so more may be waiting.</summary>
    protected abstract Task<bool> Sweep(CancellationToken cancellationToken);

    /// <summary>Failures worth a retry at the next sweep rather than the end of the service.</summary>
    protected abstract bool Transient(Exception e);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!await Started(stoppingToken)) return;
        while (!stoppingToken.IsCancellationRequested)
        {
            var full = false;
            try
            {
                full = await Sweep(stoppingToken);
            }
            catch (Exception e) when (Transient(e))
            {
                logger.LogWarning(e, "{What}: sweep failed; trying again in {SweepInterval}", What, Interval);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            if (!full) await Pause(stoppingToken);
        }
    }

    private async Task<bool> Started(CancellationToken stoppingToken)
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

    private async Task Pause(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(Interval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
