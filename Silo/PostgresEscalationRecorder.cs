using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Grains;
using BacGiang.Incidents.Sla;
using Npgsql;
using NpgsqlTypes;

namespace BacGiang.Incidents.Silo;

/// <summary>Writes escalation records to PostgreSQL in one round trip per batch; re-delivery is a no-op.</summary>
public sealed class PostgresEscalationRecorder(NpgsqlDataSource database) : IEscalationRecorder
{
    public async Task Record(string incidentId, IncidentSummary incident, IReadOnlyList<IncidentEvent> events, CancellationToken cancellationToken = default)
    {
        var batch = database.CreateBatch();
        foreach (var e in events)
        {
            switch (e)
            {
                case EscalationRaised x:
                    batch.BatchCommands.Add(Insert(incidentId, incident, x));
                    break;
                case IncidentAcknowledged:
                    batch.BatchCommands.Add(Answer(incidentId, EscalationKind.Ack, e));
                    break;
                case IncidentResolved:
                    batch.BatchCommands.Add(Answer(incidentId, EscalationKind.Resolve, e));
                    break;
            }
        }
        if (batch.BatchCommands.Count == 0) return;
        await using (batch) await batch.ExecuteNonQueryAsync(cancellationToken);
    }

    private static NpgsqlBatchCommand Insert(string incidentId, IncidentSummary incident, EscalationRaised x)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO escalations (incident_id, kind, round, level, repeat, seq, category, priority, commune, agency,
                                     sla_deadline, due_at, fired_at, lateness_ms, targets)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (incident_id, kind, round, level, repeat) DO NOTHING
            """);
        var p = command.Parameters;
        p.AddWithValue(incidentId);
        p.AddWithValue(Kind(x.Kind));
        p.AddWithValue(x.Round);
        p.AddWithValue(x.Level);
        p.AddWithValue(x.Repeat);
        p.AddWithValue(x.Seq);
        p.AddWithValue(incident.Category);
        p.AddWithValue(incident.Priority.ToString());
        p.AddWithValue(NpgsqlDbType.Text, (object?)incident.Commune ?? DBNull.Value);
        p.AddWithValue(NpgsqlDbType.Text, (object?)incident.Agency ?? DBNull.Value);
        p.AddWithValue(x.SlaDeadline.ToDateTimeUtc());
        p.AddWithValue(x.DueAt.ToDateTimeUtc());
        p.AddWithValue(x.At.ToDateTimeUtc());
        p.AddWithValue((long)x.Lateness.TotalMilliseconds);
        p.AddWithValue(x.Targets.ToArray());
        return command;
    }

    /// <summary>The acknowledgement (or resolution) answers every step of that ladder still open, however late.</summary>
    private static NpgsqlBatchCommand Answer(string incidentId, EscalationKind kind, IncidentEvent answer)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE escalations
               SET acknowledged_at = $3,
                   ack_after_ms = (EXTRACT(EPOCH FROM ($3 - fired_at)) * 1000)::bigint
             WHERE incident_id = $1 AND kind = $2 AND acknowledged_at IS NULL AND seq < $4
            """);
        command.Parameters.AddWithValue(incidentId);
        command.Parameters.AddWithValue(Kind(kind));
        command.Parameters.AddWithValue(answer.At.ToDateTimeUtc());
        command.Parameters.AddWithValue(answer.Seq);
        return command;
    }

    private static string Kind(EscalationKind kind) => kind == EscalationKind.Ack ? "ack" : "resolve";
}
