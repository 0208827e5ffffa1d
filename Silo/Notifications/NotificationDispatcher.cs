using BacGiang.Incidents.Grains;
using BacGiang.Incidents.Grains.Notifications;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.Silo.Notifications;

/// <summary>
/// Sends what the outbox holds, from every silo at once: each round leases due rows (FOR UPDATE SKIP LOCKED, so two
/// silos never take the same row), sends them in parallel and records each outcome. A silo that dies mid-send
/// leaves its rows leased; when the lease runs out another silo takes them over, with the same idempotency key.
/// Retries back off from <see cref="NotificationOptions.FirstRetry"/> to <see cref="NotificationOptions.LastRetry"/> until
/// <see cref="NotificationOptions.GiveUpAfter"/>.
/// </summary>
public sealed class NotificationDispatcher(
    NpgsqlDataSource database,
    IEnumerable<INotificationSender> senders,
    NotificationSignal signal,
    IOptions<NotificationOptions> options,
    IncidentMetrics metrics,
    IClock clock,
    ILogger<NotificationDispatcher> logger) : BackgroundService
{
    private readonly Dictionary<string, INotificationSender> byChannel = senders.ToDictionary(s => s.Channel, StringComparer.Ordinal);

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, options.Value.Loops).Select(_ => Task.Run(() => Loop(stoppingToken), stoppingToken)));

    private async Task Loop(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        while (!stoppingToken.IsCancellationRequested)
        {
            IReadOnlyList<ClaimedNotification> claimed;
            try
            {
                claimed = await Claim(settings, stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                logger.LogWarning(e, "Notification outbox unreachable; trying again in {PollInterval}", settings.PollInterval);
                await Idle(settings, stoppingToken);
                continue;
            }
            if (claimed.Count == 0)
            {
                await Idle(settings, stoppingToken);
                continue;
            }
            // A full lease means more is waiting: another loop joins in rather than waiting for its poll.
            if (claimed.Count == settings.Parallelism) signal.Wake();
            var outcomes = await Task.WhenAll(claimed.Select(n => SendOne(n, stoppingToken)));
            try
            {
                await Record(claimed.Zip(outcomes).ToList(), settings, stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
            {
                // The leases run out and the rows are sent again under the same idempotency keys.
                logger.LogWarning(e, "Outcome of {Count} notifications not recorded; they will be retried when their lease ends", claimed.Count);
            }
        }
    }

    private async Task Idle(NotificationOptions settings, CancellationToken stoppingToken)
    {
        try
        {
            await signal.Wait(settings.PollInterval, stoppingToken);
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task<SendOutcome> SendOne(ClaimedNotification n, CancellationToken cancellationToken)
    {
        if (!byChannel.TryGetValue(n.Channel, out var sender)) return new SendOutcome.Failed($"no sender for channel {n.Channel}", null);
        try
        {
            return await sender.Send(n, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return new SendOutcome.Retry($"{e.GetType().Name}: {e.Message}");
        }
    }

    private async Task<IReadOnlyList<ClaimedNotification>> Claim(NotificationOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var command = database.CreateCommand("""
            UPDATE notifications SET state = 'sending', lease_until = $2, attempts = attempts + 1
             WHERE notification_id IN (
                   SELECT notification_id FROM notifications
                    WHERE state IN ('pending', 'sending') AND next_attempt_at <= $1 AND (state = 'pending' OR lease_until < $1)
                    ORDER BY next_attempt_at
                    LIMIT $3
                      FOR UPDATE SKIP LOCKED)
            RETURNING notification_id, channel, address, body, attempts, incident_id, not_before
            """);
        command.Parameters.AddWithValue(now.ToDateTimeUtc());
        command.Parameters.AddWithValue((now + Duration.FromTimeSpan(settings.Lease)).ToDateTimeUtc());
        command.Parameters.AddWithValue(settings.Parallelism);
        var claimed = new List<ClaimedNotification>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            claimed.Add(new ClaimedNotification(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3), reader.GetInt32(4), reader.GetString(5), Instant.FromDateTimeUtc(reader.GetDateTime(6))));
        return claimed;
    }

    private async Task Record(IReadOnlyList<(ClaimedNotification Notification, SendOutcome Outcome)> results, NotificationOptions settings, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        await using var batch = database.CreateBatch();
        foreach (var (n, outcome) in results)
        {
            NpgsqlBatchCommand command;
            switch (outcome)
            {
                case SendOutcome.Sent sent:
                    // A delivery report may have overtaken this update: it keeps its state, and sent_at is filled in.
                    command = new NpgsqlBatchCommand("""
                        UPDATE notifications SET state = CASE WHEN state = 'sending' THEN 'sent' ELSE state END,
                               sent_at = COALESCE(sent_at, $2), provider_id = $3, provider_code = $4, lease_until = NULL, last_error = NULL
                         WHERE notification_id = $1
                        """);
                    command.Parameters.AddWithValue(now.ToDateTimeUtc());
                    command.Parameters.AddWithValue((object?)sent.ProviderId ?? DBNull.Value);
                    command.Parameters.AddWithValue((object?)sent.Code ?? DBNull.Value);
                    metrics.NotificationSent(n.Channel, (now - n.DueAt).TotalSeconds);
                    break;
                case SendOutcome.Retry retry when now - n.DueAt < Duration.FromTimeSpan(settings.GiveUpAfter):
                    command = new NpgsqlBatchCommand("""
                        UPDATE notifications SET state = 'pending', next_attempt_at = $2, last_error = $3, lease_until = NULL
                         WHERE notification_id = $1 AND state = 'sending'
                        """);
                    command.Parameters.AddWithValue((now + Backoff(n.Attempts, settings)).ToDateTimeUtc());
                    command.Parameters.AddWithValue(retry.Error);
                    logger.LogDebug("Notification {NotificationId} attempt {Attempt} failed: {Error}", n.Id, n.Attempts, retry.Error);
                    break;
                default:
                    var (error, code) = outcome switch
                    {
                        SendOutcome.Failed f => (f.Error, f.Code),
                        SendOutcome.Retry r => ($"gave up after {n.Attempts} attempts in {settings.GiveUpAfter}: {r.Error}", null),
                        _ => ("unknown outcome", null),
                    };
                    command = new NpgsqlBatchCommand("""
                        UPDATE notifications SET state = 'failed', last_error = $2, provider_code = $3, lease_until = NULL
                         WHERE notification_id = $1 AND state = 'sending'
                        """);
                    command.Parameters.AddWithValue(error);
                    command.Parameters.AddWithValue((object?)code ?? DBNull.Value);
                    logger.LogWarning("Notification {NotificationId} of incident {IncidentId} failed on {Channel}: {Error}", n.Id, n.IncidentId, n.Channel, error);
                    metrics.NotificationFailed(n.Channel);
                    break;
            }
            command.Parameters.Insert(0, new NpgsqlParameter { Value = n.Id });
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Duration Backoff(int attempts, NotificationOptions settings)
    {
        var delay = settings.FirstRetry * Math.Pow(2, Math.Min(attempts - 1, 20));
        return Duration.FromTimeSpan(delay < settings.LastRetry ? delay : settings.LastRetry);
    }
}
