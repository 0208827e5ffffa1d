using System.Collections.Concurrent;
using System.Threading.Channels;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Grains.ReadModel;
using BacGiang.Incidents.ReadModel;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.Silo.ReadModel;

/// <summary>
/// Projects incidents into PostgreSQL in batches: every incident that asks while a batch is being written joins
/// the next one, so a busy silo writes hundreds of incidents per round trip instead of one. A failed batch is
/// retried one incident at a time, so one bad row fails alone; whoever still fails hears of it and retries
/// later from its own outbox (the incident's grain state), so an outage delays the read model, never loses it.
/// </summary>
public sealed class PostgresReadModelProjector : IReadModelProjector, IProjectionStatusSource, IAsyncDisposable
{
    private sealed record Work(IncidentRecord Incident, IReadOnlyList<IncidentEvent> Events, Instant Since, TaskCompletionSource Done);

    private readonly NpgsqlDataSource database;
    private readonly IClock clock;
    private readonly ILogger<PostgresReadModelProjector> logger;
    private readonly ProjectionOptions options;
    private readonly Channel<Work> queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly CancellationTokenSource stopping = new();
    private readonly Task[] writers;
    // Incidents whose projection failed, with the time of their oldest unprojected change: the lag an
    // outage leaves behind, until their retries get through.
    private readonly ConcurrentDictionary<string, Instant> failed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Work, byte> inFlight = new();
    private long projectedEvents;
    private long failedBatches;
    private int disposed;

    public PostgresReadModelProjector(NpgsqlDataSource database, IClock clock, IOptions<ProjectionOptions> options, ILogger<PostgresReadModelProjector> logger)
    {
        this.database = database;
        this.clock = clock;
        this.logger = logger;
        this.options = options.Value;
        writers = Enumerable.Range(0, this.options.Writers).Select(_ => Task.Run(WriteLoop)).ToArray();
    }

    public Task Project(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default)
    {
        var since = failed.TryGetValue(incident.Summary.IncidentId, out var first) ? first : events.Count > 0 ? events[0].At : clock.GetCurrentInstant();
        var work = new Work(incident, events, since, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        inFlight.TryAdd(work, 0);
        if (!queue.Writer.TryWrite(work))
        {
            inFlight.TryRemove(work, out _);
            return Task.FromException(new ObjectDisposedException(nameof(PostgresReadModelProjector)));
        }
        return work.Done.Task;
    }

    public ProjectionStatus Status()
    {
        var now = clock.GetCurrentInstant();
        Instant? oldest = null;
        foreach (var work in inFlight.Keys) oldest = oldest is { } o && o <= work.Since ? o : work.Since;
        foreach (var since in failed.Values) oldest = oldest is { } o && o <= since ? o : since;
        return new ProjectionStatus
        {
            Pending = inFlight.Count,
            Failing = failed.Count,
            Lag = oldest is { } at && now > at ? now - at : Duration.Zero,
            ProjectedEvents = Interlocked.Read(ref projectedEvents),
            FailedBatches = Interlocked.Read(ref failedBatches),
        };
    }

    private async Task WriteLoop()
    {
        var batch = new List<Work>(options.MaxBatch);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stopping.Token))
            {
                while (batch.Count < options.MaxBatch && queue.Reader.TryRead(out var work)) batch.Add(work);
                if (batch.Count == 0) continue;
                await WriteBatch(batch);
                batch.Clear();
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
        foreach (var work in batch) work.Done.TrySetCanceled();
    }

    private async Task WriteBatch(List<Work> batch)
    {
        try
        {
            await Write(batch);
            foreach (var work in batch) Succeeded(work);
            return;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            Interlocked.Increment(ref failedBatches);
            logger.LogWarning(e, "Read model batch of {Count} incidents failed; writing them one by one", batch.Count);
        }
        catch (Exception e)
        {
            Interlocked.Increment(ref failedBatches);
            Failed(batch[0], e);
            return;
        }

        foreach (var work in batch)
        {
            try
            {
                await Write([work]);
                Succeeded(work);
            }
            catch (Exception e)
            {
                Failed(work, e);
            }
        }
    }

    private async Task Write(IReadOnlyList<Work> works)
    {
        await using var batch = database.CreateBatch();
        ReadModelCommands.AddTo(batch, works.Select(w => (w.Incident, w.Events)).ToList());
        await batch.ExecuteNonQueryAsync(stopping.Token);
    }

    private void Succeeded(Work work)
    {
        Interlocked.Add(ref projectedEvents, work.Events.Count);
        failed.TryRemove(work.Incident.Summary.IncidentId, out _);
        inFlight.TryRemove(work, out _);
        work.Done.TrySetResult();
    }

    private void Failed(Work work, Exception e)
    {
        failed.AddOrUpdate(work.Incident.Summary.IncidentId, work.Since, (_, first) => first < work.Since ? first : work.Since);
        inFlight.TryRemove(work, out _);
        work.Done.TrySetException(e);
    }

    public async ValueTask DisposeAsync()
    {
        // The container disposes this once per service it was registered as.
        if (Interlocked.Exchange(ref disposed, 1) == 1) return;
        // A graceful stop lets queued incidents through; whatever is still unwritten after a few seconds is
        // cancelled and stays in its incident's outbox for the next activation.
        queue.Writer.TryComplete();
        await Task.WhenAny(Task.WhenAll(writers), Task.Delay(TimeSpan.FromSeconds(5)));
        await stopping.CancelAsync();
        await Task.WhenAll(writers);
        while (queue.Reader.TryRead(out var work)) work.Done.TrySetCanceled();
    }
}
