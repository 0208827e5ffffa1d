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
