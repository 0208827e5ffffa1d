using BacGiang.Incidents.Grains.Notifications;
using BacGiang.Incidents.Notifications;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.Silo.Notifications;

/// <summary>
/// The outbox as rows of the notifications table, written in one batch per fired step; a row already there is kept
/// as it is (its state, attempts and acknowledgement link stand). Wakes this silo's dispatcher once stored.
/// </summary>
public sealed class PostgresNotificationOutbox(NpgsqlDataSource database, IClock clock, NotificationSignal signal) : INotificationOutbox
{
    public async Task Enqueue(IReadOnlyList<OutgoingNotification> notifications, IReadOnlyList<EscalationGapRecord> gaps, CancellationToken cancellationToken = default)
    {
        if (notifications.Count == 0 && gaps.Count == 0) return;
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        await using var batch = database.CreateBatch();
        foreach (var n in notifications)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO notifications (notification_id, escalation_id, incident_id, kind, round, level, repeat, priority, category,
                                           commune, agency, staff_id, staff_name, unit, target, reason, channel, address, body,
                                           fired_at, not_before, state, next_attempt_at, ack_token, queued_at, acknowledged_at, sent_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21,
                        CASE WHEN $23::timestamptz IS NOT NULL THEN 'skipped' WHEN $25 THEN 'sent' ELSE 'pending' END, $21, $22, $24, $23,
                        CASE WHEN $23::timestamptz IS NULL AND $25 THEN $24 END)
                ON CONFLICT (notification_id) DO NOTHING
                """);
            var p = command.Parameters;
            p.AddWithValue(n.NotificationId);
            p.AddWithValue(n.EscalationId);
            p.AddWithValue(n.IncidentId);
            p.AddWithValue(n.Kind);
            p.AddWithValue(n.Round);
            p.AddWithValue(n.Level);
            p.AddWithValue(n.Repeat);
            p.AddWithValue(n.Priority.ToString());
            p.AddWithValue(n.Category);
            p.AddWithValue((object?)n.Commune ?? DBNull.Value);
            p.AddWithValue((object?)n.Agency ?? DBNull.Value);
            p.AddWithValue(n.StaffId);
            p.AddWithValue(n.StaffName);
            p.AddWithValue(n.Unit);
            p.AddWithValue(n.Target);
            p.AddWithValue(n.Reason);
            p.AddWithValue(n.Channel);
            p.AddWithValue((object?)n.Address ?? DBNull.Value);
            p.AddWithValue(n.Body);
            p.AddWithValue(n.FiredAt.ToDateTimeUtc());
            p.AddWithValue(n.NotBefore.ToDateTimeUtc());
            p.AddWithValue((object?)n.AckToken ?? DBNull.Value);
            p.Add(new NpgsqlParameter { Value = (object?)n.AcknowledgedAt?.ToDateTimeUtc() ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
            p.AddWithValue(now);
            // What the console shows is the table itself: a console notice that is due is sent by being stored.
            p.AddWithValue(n.Channel == NotificationChannel.Console && n.NotBefore <= clock.GetCurrentInstant());
            batch.BatchCommands.Add(command);
        }
        foreach (var g in gaps)
        {
            var command = new NpgsqlBatchCommand("""
                INSERT INTO escalation_gaps (escalation_id, target, incident_id, unit, reason, fell_back_to, fired_at, commune, agency)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                ON CONFLICT (escalation_id, target) DO NOTHING
                """);
            var p = command.Parameters;
            p.AddWithValue(g.EscalationId);
            p.AddWithValue(g.Target);
            p.AddWithValue(g.IncidentId);
            p.AddWithValue((object?)g.Unit ?? DBNull.Value);
            p.AddWithValue(g.Reason);
            p.AddWithValue(g.FellBackTo);
            p.AddWithValue(g.FiredAt.ToDateTimeUtc());
            p.AddWithValue((object?)g.Commune ?? DBNull.Value);
            p.AddWithValue((object?)g.Agency ?? DBNull.Value);
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
        signal.Wake();
    }
}
