using System.Collections.Concurrent;
using System.Threading.Channels;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using Orleans.Streams;

namespace BacGiang.Incidents.Api.Live;

/// <summary>
/// One Orleans subscription per followed commune in this API process, shared by every console following it.
/// Subscribing per browser connection would write the stream's pub-sub state on every page load. A feed is handed
/// out once a probe it sent itself has come back through it (Orleans finishes setting up a new subscription after
/// SubscribeAsync returns), checks itself the same way every half minute, and subscribes afresh when a probe is lost
/// (a silo dropped this process for a while, say). Feeds end with the process; a clean stop unsubscribes them.
/// </summary>
public sealed class CommuneFeeds(IClusterClient cluster, ILogger<CommuneFeeds> logger) : IHostedService
{
    private readonly ConcurrentDictionary<string, Lazy<Task<CommuneFeed>>> feeds = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stopping = new();

    /// <summary>A listener receiving the commune's incident summaries from now on; dispose it to stop.</summary>
    public async Task<CommuneFeed.Listener> Listen(string commune)
    {
        var opening = feeds.GetOrAdd(commune, c => new Lazy<Task<CommuneFeed>>(() => CommuneFeed.Open(cluster, c, logger, stopping.Token)));
        try
        {
            return (await opening.Value).AddListener();
        }
        catch
        {
            // A feed that failed to open is not kept: the next console tries again.
            feeds.TryRemove(new KeyValuePair<string, Lazy<Task<CommuneFeed>>>(commune, opening));
            throw;
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stopping.CancelAsync();
        var open = feeds.Values.Where(f => f.IsValueCreated && f.Value.IsCompletedSuccessfully).Select(f => f.Value.Result);
        await Task.WhenAll(open.Select(f => f.Close()));
    }
}

public sealed class CommuneFeed
{
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);
    private const int ProbeAttempts = 5;
    // A console that cannot keep up loses its oldest updates; its page also reloads the list every minute.
    private const int ListenerCapacity = 256;

    private readonly ConcurrentDictionary<Guid, Channel<IncidentSummary>> listeners = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> probes = new();
    private readonly IAsyncStream<LiveUpdate> stream;
    private readonly string commune;
    private readonly ILogger logger;
    private StreamSubscriptionHandle<LiveUpdate>? subscription;

    private CommuneFeed(IAsyncStream<LiveUpdate> stream, string commune, ILogger logger)
    {
        this.stream = stream;
        this.commune = commune;
        this.logger = logger;
    }

    public static async Task<CommuneFeed> Open(IClusterClient cluster, string commune, ILogger logger, CancellationToken stopping)
    {
        var stream = cluster.GetStreamProvider(LiveStreams.Provider).GetStream<LiveUpdate>(StreamId.Create(LiveStreams.Communes, commune));
        var feed = new CommuneFeed(stream, commune, logger);
        await feed.Subscribe();
        if (!await feed.Probe())
            // Consoles reload their lists on connection and every minute, so this delays updates, it loses none.
            logger.LogWarning("Live feed of commune {Commune}: no probe came back after {Attempts} tries; serving it, and checking again", commune, ProbeAttempts);
        _ = feed.KeepChecking(stopping);
        return feed;
    }

    public Listener AddListener()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<IncidentSummary>(new BoundedChannelOptions(ListenerCapacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
        });
        listeners[id] = channel;
        return new Listener(channel.Reader, () => listeners.TryRemove(id, out _));
    }

    public async Task Close()
    {
        try
        {
            if (subscription is { } handle) await handle.UnsubscribeAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Live feed of commune {Commune} not unsubscribed", commune);
        }
    }

    private async Task Subscribe() =>
        subscription = await stream.SubscribeAsync((update, _) =>
        {
            Deliver(update);
            return Task.CompletedTask;
        });

    /// <summary>Sends probes until one comes back through this feed's subscription: then it is delivering.</summary>
    private async Task<bool> Probe()
    {
        for (var attempt = 1; attempt <= ProbeAttempts; attempt++)
        {
            var probe = Guid.NewGuid();
            var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            probes[probe] = arrived;
            try
            {
                await stream.OnNextAsync(new LiveUpdate(null, probe));
                await arrived.Task.WaitAsync(ProbeWait);
                logger.LogDebug("Live feed of commune {Commune} delivering (probe {Attempt})", commune, attempt);
                return true;
            }
            catch (Exception e) when (e is TimeoutException or OrleansException)
            {
                // Sent before the subscription was set up, or the cluster is busy: send another.
            }
            finally
            {
                probes.TryRemove(probe, out _);
            }
        }
        return false;
    }

    private async Task KeepChecking(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(CheckEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                bool delivering;
                try
                {
                    delivering = await Probe();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Live feed of commune {Commune}: probe failed", commune);
                    delivering = false;
                }
                if (delivering) continue;
                logger.LogWarning("Live feed of commune {Commune} stopped delivering; subscribing afresh", commune);
                var old = subscription;
                try
                {
                    await Subscribe();
                    if (old is not null) await old.UnsubscribeAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Live feed of commune {Commune}: subscribing afresh failed; trying again in {Interval}", commune, CheckEvery);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The process is stopping.
        }
    }

    private void Deliver(LiveUpdate update)
    {
        if (update.Probe is { } probe)
        {
            if (probes.TryGetValue(probe, out var arrived)) arrived.TrySetResult();
            return;
        }
        if (update.Incident is not { } incident) return;
        foreach (var channel in listeners.Values) channel.Writer.TryWrite(incident);
    }

    public sealed class Listener(ChannelReader<IncidentSummary> updates, Action remove) : IDisposable
    {
        public ChannelReader<IncidentSummary> Updates { get; } = updates;

        public void Dispose() => remove();
    }
}
