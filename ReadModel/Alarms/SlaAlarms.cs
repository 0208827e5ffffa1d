using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// An alarm a sweep has leased: its row now holds <see cref="Lease"/> until settled or the lease runs out.
/// <see cref="Due"/> is what the row held before, so an alarm the sweep gives back unwoken is as it was.
/// </summary>
public sealed record TakenAlarm(string IncidentId, Instant Due, Instant Lease);

/// <summary>
/// The sla_alarms rows as the sweeps see them (the log writes them with each append). Taking leases due rows so
/// that no other silo takes them meanwhile; settling sets each to what its incident answered, unless an append has
/// moved it since, because the incident's own write is newer than what the sweep heard.
/// </summary>
public sealed class SlaAlarms(NpgsqlDataSource database)
{
    /// <summary>The longest-due first: a sweep wakes them in this order, and under a backlog the oldest waited longest.</summary>
    public async Task<IReadOnlyList<TakenAlarm>> Take(Instant dueBy, Instant lease, int limit, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            WITH due AS (
                 SELECT incident_id, wake_at FROM sla_alarms
                  WHERE wake_at <= $1
                  ORDER BY wake_at
                  LIMIT $3
                    FOR UPDATE SKIP LOCKED)
            UPDATE sla_alarms a SET wake_at = $2
              FROM due
             WHERE a.incident_id = due.incident_id
            RETURNING a.incident_id, due.wake_at
            """);
        command.Parameters.AddWithValue(dueBy.ToDateTimeUtc());
        command.Parameters.AddWithValue(lease.ToDateTimeUtc());
        command.Parameters.AddWithValue(limit);
        var taken = new List<TakenAlarm>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            taken.Add(new TakenAlarm(reader.GetString(0), Instant.FromDateTimeUtc(DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc)), lease));
        // RETURNING comes in the update's order, not the select's.
        return taken.OrderBy(t => t.Due).ToList();
    }

    public async Task Settle(IReadOnlyList<(TakenAlarm Alarm, Instant? Next)> woken, CancellationToken cancellationToken = default)
    {
        if (woken.Count == 0) return;
        await using var batch = database.CreateBatch();
        foreach (var (alarm, next) in woken)
        {
            var command = next is null
                ? new NpgsqlBatchCommand("DELETE FROM sla_alarms WHERE incident_id = $1 AND wake_at = $2")
                : new NpgsqlBatchCommand("UPDATE sla_alarms SET wake_at = $3 WHERE incident_id = $1 AND wake_at = $2");
            command.Parameters.AddWithValue(alarm.IncidentId);
            command.Parameters.AddWithValue(alarm.Lease.ToDateTimeUtc());
            if (next is { } at) command.Parameters.AddWithValue(at.ToDateTimeUtc());
            batch.BatchCommands.Add(command);
        }
        await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>When the incident's alarm is set for, if it has one.</summary>
    public async Task<Instant?> Of(string incidentId, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("SELECT wake_at FROM sla_alarms WHERE incident_id = $1");
        command.Parameters.AddWithValue(incidentId);
        return await command.ExecuteScalarAsync(cancellationToken) is DateTime at ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(at, DateTimeKind.Utc)) : null;
    }
}
