using System.Threading.Channels;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// Items from any number of callers, handled in batches by a few loops: while one batch is on the wire the next one
/// fills, so a busy silo pays one round trip for many items and an idle one sends each at once. The handler settles
/// every item of its batch; an item still queued when the queue stops, or in a batch whose handler threw, is given to
/// <c>abandon</c>.
/// </summary>
public sealed class BatchQueue<T> : IAsyncDisposable
{
    private static readonly TimeSpan DefaultGrace = TimeSpan.FromSeconds(5);

    private readonly Channel<T> queue = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly int maxBatch;
    private readonly Func<List<T>, CancellationToken, Task> handle;
    private readonly Action<T> abandon;
    private readonly Task[] loops;
    private readonly TimeSpan grace;
    private int disposed;

    /// <param name="grace">How long a graceful stop lets queued items through before cancelling the rest (5 s).</param>
    public BatchQueue(int loops, int maxBatch, Func<List<T>, CancellationToken, Task> handle, Action<T> abandon, TimeSpan? grace = null)
    {
        this.grace = grace ?? DefaultGrace;
        this.maxBatch = maxBatch;
        this.handle = handle;
        this.abandon = abandon;
        this.loops = Enumerable.Range(0, loops).Select(_ => Task.Run(Loop)).ToArray();
    }

    /// <summary>False once the queue has stopped: the item will not be handled.</summary>
    public bool TryAdd(T item) => queue.Writer.TryWrite(item);

    private async Task Loop()
    {
        var batch = new List<T>(maxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping.Token))
            {
                while (batch.Count < maxBatch && queue.Reader.TryRead(out var item)) batch.Add(item);
                if (batch.Count == 0) continue;
                try
                {
                    await handle(batch, stopping.Token);
                }
                catch (Exception) when (!stopping.IsCancellationRequested)
                {
                    // A handler settles its items itself; one that threw instead must not stop the loop or leave them waiting.
                    foreach (var item in batch) abandon(item);
                }
                batch.Clear();
            }
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // Stopping: whatever the cancelled handler threw (not always an OperationCanceledException), its batch is given up.
        }
        foreach (var item in batch) abandon(item);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes a singleton once per service it was registered as.
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        queue.Writer.TryComplete();
        await Task.WhenAny(Task.WhenAll(loops), Task.Delay(grace));
        await stopping.CancelAsync();
        await Task.WhenAll(loops);
        while (queue.Reader.TryRead(out var item)) abandon(item);
        stopping.Dispose();
    }
}
