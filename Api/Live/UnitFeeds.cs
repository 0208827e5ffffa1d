using System.Collections.Concurrent;
using System.Threading.Channels;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using Orleans.Streams;

namespace BacGiang.Incidents.Api.Live;

/// <summary>
/// One Orleans subscription per followed unit (a commune, an agency) in this API process, shared by every console following it.
/// Subscribing per browser connection would write the stream's pub-sub state on every page load. A feed is handed
/// out once a probe it sent itself has come back through it (Orleans finishes setting up a new subscription after
/// SubscribeAsync returns), checks itself the same way every half minute, and subscribes afresh when a probe is lost
/// (a silo dropped this process for a while, say). Feeds end with the process; a clean stop unsubscribes them.
/// </summary>
public sealed class UnitFeeds(IClusterClient cluster, ILogger<UnitFeeds> logger) : IHostedService
{
    private readonly ConcurrentDictionary<(string Namespace, string Code), Lazy<Task<UnitFeed>>> feeds = new();
    private readonly CancellationTokenSource stopping = new();

    /// <summary>A listener receiving the unit's updates from now on (<see cref="LiveStreams"/> names the namespaces); dispose it to stop.</summary>
    public async Task<UnitFeed.Listener> Listen(string streamNamespace, string code)
    {
        var opening = feeds.GetOrAdd((streamNamespace, code), k => new Lazy<Task<UnitFeed>>(() => UnitFeed.Open(cluster, k.Namespace, k.Code, logger, stopping.Token)));
        try
        {
            return (await opening.Value).AddListener();
        }
        catch
        {
            // A feed that failed to open is not kept: the next console tries again.
            feeds.TryRemove(new KeyValuePair<(string, string), Lazy<Task<UnitFeed>>>((streamNamespace, code), opening));
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

public sealed class UnitFeed
{
    private static readonly TimeSpan ProbeWait = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(30);
    private const int ProbeAttempts = 5;
    // A console that cannot keep up loses its oldest updates; its page also reloads the list every minute.
    private const int ListenerCapacity = 256;

    private readonly ConcurrentDictionary<Guid, Channel<LiveUpdate>> listeners = new();
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> probes = new();
    private readonly IAsyncStream<LiveUpdate> stream;
    private readonly string unit;
    private readonly ILogger logger;
    private StreamSubscriptionHandle<LiveUpdate>? subscription;

    private UnitFeed(IAsyncStream<LiveUpdate> stream, string unit, ILogger logger)
    {
        this.stream = stream;
        this.unit = unit;
        this.logger = logger;
    }

    public static async Task<UnitFeed> Open(IClusterClient cluster, string streamNamespace, string code, ILogger logger, CancellationToken stopping)
    {
        var stream = cluster.GetStreamProvider(LiveStreams.Provider).GetStream<LiveUpdate>(StreamId.Create(streamNamespace, code));
        var feed = new UnitFeed(stream, $"{streamNamespace}/{code}", logger);
        await feed.Subscribe();
        if (!await feed.Probe())
            // Consoles reload their lists on connection and every minute, so this delays updates, it loses none.
            logger.LogWarning("Live feed of {Unit}: no probe came back after {Attempts} tries; serving it, and checking again", feed.unit, ProbeAttempts);
        _ = feed.KeepChecking(stopping);
        return feed;
    }

    public Listener AddListener()
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<LiveUpdate>(new BoundedChannelOptions(ListenerCapacity)
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
            logger.LogWarning(e, "Live feed of {Unit} not unsubscribed", unit);
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
                logger.LogDebug("Live feed of {Unit} delivering (probe {Attempt})", unit, attempt);
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
                    logger.LogWarning(e, "Live feed of {Unit}: probe failed", unit);
                    delivering = false;
                }
                if (delivering) continue;
                logger.LogWarning("Live feed of {Unit} stopped delivering; subscribing afresh", unit);
                var old = subscription;
                try
                {
                    await Subscribe();
                    if (old is not null) await old.UnsubscribeAsync();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Live feed of {Unit}: subscribing afresh failed; trying again in {Interval}", unit, CheckEvery);
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
        foreach (var channel in listeners.Values) channel.Writer.TryWrite(update);
    }

    public sealed class Listener(ChannelReader<LiveUpdate> updates, Action remove) : IDisposable
    {
        public ChannelReader<LiveUpdate> Updates { get; } = updates;

        public void Dispose() => remove();
    }
}
