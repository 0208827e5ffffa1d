using System.Collections.Concurrent;
using BacGiang.Incidents.Domain.Events;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;
using Orleans.Serialization;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// The incidents' event log and read model in PostgreSQL, written by group commit: every incident that appends while
/// a batch is being written joins the next one, so a busy silo commits hundreds of incidents per round trip instead
/// of one, each batch in one transaction. A failed batch is retried one incident at a time, so one bad append (a
/// stale seq) fails alone; whoever still fails hears of it, and their command fails with nothing stored.
/// </summary>
public sealed class PostgresIncidentLog : IIncidentLog, IProjectionStatusSource, IAsyncDisposable
{
    private sealed record Work(ReadModelCommands.Write Write, Instant Since, TaskCompletionSource Done)
    {
        public string IncidentId => Write.Incident.Summary.IncidentId;
    }

    private readonly Serializer<IncidentEvent> serializer;

    private readonly NpgsqlDataSource database;
    private readonly IClock clock;
    private readonly ILogger<PostgresIncidentLog> logger;
    private readonly ProjectionOptions options;
    private readonly BatchQueue<Work> queue;
    // Incidents whose projection failed, with the time of their oldest unprojected change: the lag an
    // outage leaves behind, until their retries get through.
    private readonly ConcurrentDictionary<string, Instant> failed = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Work, byte> inFlight = new();
    private long projectedEvents;
    private long failedBatches;

    public PostgresIncidentLog(NpgsqlDataSource database, Serializer<IncidentEvent> serializer, IClock clock, IOptions<ProjectionOptions> options, ILogger<PostgresIncidentLog> logger)
    {
        this.serializer = serializer;
        this.database = database;
        this.clock = clock;
        this.logger = logger;
        this.options = options.Value;
        // A graceful stop lets queued appends through; whatever is still unwritten after that is cancelled and its
        // command fails: nothing of it is stored, nothing was acknowledged.
        queue = new BatchQueue<Work>(this.options.Writers, this.options.MaxBatch, WriteBatch, Abandon);
    }

    public Task Append(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, StoredSnapshot? snapshot = null, CancellationToken cancellationToken = default) =>
        Enqueue(incident, events, imported: null, snapshot: snapshot);

    public Task Import(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, IncidentDeliveries deliveries, CancellationToken cancellationToken = default) =>
        Enqueue(incident, events, imported: deliveries);

    public Task Redact(IncidentRecord incident, IReadOnlyList<IncidentEvent> redacted, IncidentEvent marker, IReadOnlyCollection<string> photoIds,
        CancellationToken cancellationToken = default) =>
        Enqueue(incident, [marker], imported: null, redacted, photoIds);

    public async Task<IncidentHistory> Read(string incidentId, int? snapshotFormat = null, CancellationToken cancellationToken = default)
    {
        // No snapshot is of a negative format: without one asked for, none is read and the events start at the first.
        var format = snapshotFormat ?? -1;
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(ReadModelCommands.Scoped("SELECT EXISTS (SELECT 1 FROM incident_legacy_state WHERE incident_id = $1)", incidentId));
        batch.BatchCommands.Add(ReadModelCommands.Scoped(
            "SELECT citizen_notified_seq, notified_seq, merge_delivered, splits_filed FROM incident_deliveries WHERE incident_id = $1", incidentId));
        var snapshot = ReadModelCommands.Scoped("SELECT seq, format, state FROM incident_snapshots WHERE incident_id = $1 AND format = $2", incidentId);
        snapshot.Parameters.AddWithValue(format);
        batch.BatchCommands.Add(snapshot);
        // The same snapshot row decides where the events start; without one, at the first.
        var events = ReadModelCommands.Scoped("""
            SELECT seq, event FROM incident_events
             WHERE incident_id = $1 AND seq > coalesce((SELECT seq FROM incident_snapshots WHERE incident_id = $1 AND format = $2), 0)
             ORDER BY seq
            """, incidentId);
        events.Parameters.AddWithValue(format);
        batch.BatchCommands.Add(events);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        var legacy = reader.GetBoolean(0);
        await reader.NextResultAsync(cancellationToken);
        var deliveries = await reader.ReadAsync(cancellationToken)
            ? new IncidentDeliveries
            {
                CitizenNotifiedSeq = reader.GetInt64(0), NotifiedSeq = reader.GetInt64(1), MergeDelivered = reader.GetBoolean(2),
                SplitsFiled = [.. reader.GetFieldValue<long[]>(3)],
            }
            : new IncidentDeliveries();
        await reader.NextResultAsync(cancellationToken);
        StoredSnapshot? stored = await reader.ReadAsync(cancellationToken)
            ? new StoredSnapshot(reader.GetInt64(0), reader.GetInt32(1), reader.GetFieldValue<byte[]>(2))
            : null;
        await reader.NextResultAsync(cancellationToken);
        var read = new List<IncidentEvent>();
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.IsDBNull(1))
            {
                // A row from before the log without its stored form: its incident has its whole history in grain state.
                if (legacy) continue;
                throw new InvalidOperationException($"Incident {incidentId} event {reader.GetInt64(0)} has no stored form.");
            }
            read.Add(serializer.Deserialize(reader.GetFieldValue<byte[]>(1)) ?? throw new InvalidOperationException($"Incident {incidentId} event {reader.GetInt64(0)} is empty."));
        }
        return new IncidentHistory(read, deliveries, legacy, stored);
    }

    public async Task SaveDeliveries(string incidentId, IncidentDeliveries deliveries, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand();
        ReadModelCommands.SaveDeliveries(command, incidentId, deliveries);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private Task Enqueue(IncidentRecord incident, IReadOnlyList<IncidentEvent> events, IncidentDeliveries? imported,
        IReadOnlyList<IncidentEvent>? redacted = null, IReadOnlyCollection<string>? erasedPhotos = null, StoredSnapshot? snapshot = null)
    {
        var since = failed.TryGetValue(incident.Summary.IncidentId, out var first) ? first : events.Count > 0 ? events[0].At : clock.GetCurrentInstant();
        var write = new ReadModelCommands.Write(incident, events, events.Select(e => serializer.SerializeToArray(e)).ToList(), imported)
        {
            Redacted = redacted?.Select(e => (e, serializer.SerializeToArray(e))).ToList(),
            ErasedPhotos = erasedPhotos ?? [],
            Snapshot = snapshot,
        };
        var work = new Work(write, since, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        inFlight.TryAdd(work, 0);
        if (!queue.TryAdd(work))
        {
            inFlight.TryRemove(work, out _);
            return Task.FromException(new ObjectDisposedException(nameof(PostgresIncidentLog)));
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

    private async Task WriteBatch(List<Work> batch, CancellationToken stopping)
    {
        try
        {
            await Write(batch, stopping);
            foreach (var work in batch) Succeeded(work);
            return;
        }
        catch (Exception e) when (batch.Count > 1)
        {
            Interlocked.Increment(ref failedBatches);
            logger.LogWarning(e, "Log batch of {Count} incidents failed; writing them one by one", batch.Count);
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
                await Write([work], stopping);
                Succeeded(work);
            }
            catch (Exception e)
            {
                Failed(work, e);
            }
        }
    }

    private async Task Write(IReadOnlyList<Work> works, CancellationToken stopping)
    {
        await using var batch = database.CreateBatch();
        ReadModelCommands.AddTo(batch, works.Select(w => w.Write).ToList());
        await batch.ExecuteNonQueryAsync(stopping);
    }

    private void Succeeded(Work work)
    {
        Interlocked.Add(ref projectedEvents, work.Write.Events.Count);
        failed.TryRemove(work.IncidentId, out _);
        inFlight.TryRemove(work, out _);
        work.Done.TrySetResult();
    }

    private void Failed(Work work, Exception e)
    {
        var error = IncidentLogConflictException.Translate(work.IncidentId, e);
        // A refused stale append leaves nothing unwritten behind: the log already holds that incident's truth.
        if (error is not IncidentLogConflictException)
            failed.AddOrUpdate(work.IncidentId, work.Since, (_, first) => first < work.Since ? first : work.Since);
        inFlight.TryRemove(work, out _);
        work.Done.TrySetException(error);
    }

    private void Abandon(Work work)
    {
        inFlight.TryRemove(work, out _);
        work.Done.TrySetCanceled();
    }

    public ValueTask DisposeAsync() => queue.DisposeAsync();
}
