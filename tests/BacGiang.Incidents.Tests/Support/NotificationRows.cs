using Npgsql;

namespace BacGiang.Incidents.Tests.Support;

public sealed record NotificationRow(string EscalationId, string StaffId, string Target, string Reason, string Channel, string State);

/// <summary>Reads an incident's notifications from the outbox table.</summary>
public static class NotificationRows
{
    /// <summary>Waits until the incident has at least <paramref name="expected"/> notifications queued (a step queues them in a turn after firing).</summary>
    public static async Task<List<NotificationRow>> For(string connectionString, string incidentId, int expected)
    {
        var rows = new List<NotificationRow>();
        await Eventually.True(async () => (rows = await Read(connectionString, incidentId)).Count >= expected, $"{expected} notifications for {incidentId}");
        return rows;
    }

    /// <summary>
    /// A sent console notification as the outbox writes it, for tests about how the console shows them: firing one for
    /// real takes the policy's minutes; firing and sending have their own tests (Cluster/, Notifications/).
    /// </summary>
    public static async Task InsertConsole(string connectionString, string incidentId, string staffId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO notifications (notification_id, escalation_id, incident_id, kind, round, level, repeat, priority, category, commune, agency,
                                       staff_id, staff_name, unit, target, reason, channel, body, fired_at, not_before, state, next_attempt_at,
                                       sent_at, queued_at)
            SELECT incident_id || ':ack:0:3:0:' || $2 || ':console', incident_id || ':ack:0:3:0', incident_id, 'ack', 0, 3, 0, priority, category,
                   commune, agency, $2, 'Giám sát thử', 'province:province', 'provincial-supervisor', 'on office-hours duty', 'console',
                   '[BG] Cảnh báo cấp 3: sự cố ' || incident_id || ' chưa được tiếp nhận.', now(), now(), 'sent', now(), now(), now()
              FROM incidents WHERE incident_id = $1
            """, connection);
        command.Parameters.AddWithValue(incidentId);
        command.Parameters.AddWithValue(staffId);
        if (await command.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"Incident {incidentId} is not in the read model.");
    }

    private static async Task<List<NotificationRow>> Read(string connectionString, string incidentId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT escalation_id, staff_id, target, reason, channel, state FROM notifications WHERE incident_id = $1 ORDER BY notification_id
            """, connection);
        command.Parameters.AddWithValue(incidentId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<NotificationRow>();
        while (await reader.ReadAsync())
            rows.Add(new NotificationRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5)));
        return rows;
    }
}
