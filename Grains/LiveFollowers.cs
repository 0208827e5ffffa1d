using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// This silo's copy of the communes followed live: kept current by the followers grain (an observer, renewed every
/// half minute), read by incidents before they publish, so the check costs a set lookup and no call.
/// </summary>
public sealed class LiveFollowers(IGrainFactory grains, ILogger<LiveFollowers> logger) : BackgroundService, ILiveFollowersObserver
{
    private static readonly TimeSpan Renew = TimeSpan.FromSeconds(30);
    private readonly Lock gate = new();
    private volatile HashSet<string> followed = new(StringComparer.Ordinal);
    private FollowedCommunes known = FollowedCommunes.None;

    public bool IsFollowed(string commune) => followed.Contains(commune);

    public Task Followed(FollowedCommunes communes)
    {
        lock (gate)
        {
            // A push and a renewal's answer can arrive in either order: the older one must not win.
            if (!communes.Supersedes(known)) return Task.CompletedTask;
            known = communes;
            followed = new HashSet<string>(communes.Communes, StringComparer.Ordinal);
        }
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var self = grains.CreateObjectReference<ILiveFollowersObserver>(this);
        // Hosted services start before the silo has joined its cluster: the first tries fail and are repeated each second.
        var delay = TimeSpan.Zero;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(delay, stoppingToken);
                await Followed(await grains.GetGrain<ILiveFollowersGrain>(0).Subscribe(self));
                delay = Renew;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "Live followers not subscribed yet");
                delay = TimeSpan.FromSeconds(1);
            }
        }
    }
}
