using Npgsql;

namespace BacGiang.Incidents.Tests.Support;

public sealed record EscalationRow(string Kind, int Round, int Level, int Repeat, DateTime DueAt, DateTime FiredAt, long LatenessMs, DateTime? AcknowledgedAt, long? AckAfterMs);

/// <summary>Reads the escalation audit table the way a supervisor's query would.</summary>
public static class EscalationRows
{
    public static async Task<List<EscalationRow>> For(string connectionString, string incidentId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT kind, round, level, repeat, due_at, fired_at, lateness_ms, acknowledged_at, ack_after_ms
              FROM escalations WHERE incident_id = $1 ORDER BY seq
            """, connection);
        command.Parameters.AddWithValue(incidentId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<EscalationRow>();
        while (await reader.ReadAsync())
            rows.Add(new EscalationRow(reader.GetString(0), reader.GetInt32(1), reader.GetInt32(2), reader.GetInt32(3),
                reader.GetDateTime(4), reader.GetDateTime(5), reader.GetInt64(6),
                reader.IsDBNull(7) ? null : reader.GetDateTime(7), reader.IsDBNull(8) ? null : reader.GetInt64(8)));
        return rows;
    }

    /// <summary>
    /// An escalation record as the projector writes it, for tests about how records are served (audit, console):
    /// firing one for real takes the policy's minutes; the firing itself has its own tests (Cluster/EscalationTests).
    /// It fired now: the incident's own deadline may be on the next working day (a report filed after midday), outside
    /// the audit's default period, which ends today.
    /// </summary>
    public static async Task Insert(string connectionString, string incidentId, int level, long latenessMs)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            INSERT INTO escalations (incident_id, kind, round, level, repeat, seq, category, priority, commune, agency,
                                     sla_deadline, due_at, fired_at, lateness_ms, targets)
            SELECT incident_id, 'ack', 1, $2, 0, 3, category, priority, commune, agency,
                   ack_deadline, now() - make_interval(secs => $3 / 1000.0), now(), $3, ARRAY['commune-chairman']
              FROM incidents WHERE incident_id = $1
            """, connection);
        command.Parameters.AddWithValue(incidentId);
        command.Parameters.AddWithValue(level);
        command.Parameters.AddWithValue(latenessMs);
        if (await command.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"Incident {incidentId} is not in the read model.");
    }
}
