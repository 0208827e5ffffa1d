using System.Text.Json;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Sla;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// The statements of one commit of a batch of incidents: their new events (the log) and the read-model rows those
/// change. Events are inserted, never overwritten; the derived rows are idempotent (keyed by incident and seq, an
/// incident's row only moves forward), so an import that meets rows already there changes nothing it should not.
/// </summary>
public static class ReadModelCommands
{
    /// <summary>
    /// One incident's part of a batch: its new events (with their stored form) and its row as of the last of them.
    /// <see cref="Imported"/> marks the one-time move of an incident with state of a previous version (these are its
    /// deliveries), whose events may already be in the read model without their stored form.
    /// </summary>
    public sealed record Write(IncidentRecord Incident, IReadOnlyList<IncidentEvent> Events, IReadOnlyList<byte[]> Stored, IncidentDeliveries? Imported = null)
    {
        public bool Import => Imported is not null;
    }

    /// <summary>A statement about one incident, its id the first parameter.</summary>
    public static NpgsqlBatchCommand Scoped(string sql, string incidentId)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue(incidentId);
        return command;
    }

    private const string UpsertDeliveries = """
        INSERT INTO incident_deliveries (incident_id, citizen_notified_seq, notified_seq, merge_delivered, splits_filed)
        VALUES ($1, $2, $3, $4, $5)
        ON CONFLICT (incident_id) DO UPDATE SET
            citizen_notified_seq = EXCLUDED.citizen_notified_seq, notified_seq = EXCLUDED.notified_seq,
            merge_delivered = EXCLUDED.merge_delivered, splits_filed = EXCLUDED.splits_filed
        """;

    public static void SaveDeliveries(NpgsqlCommand command, string incidentId, IncidentDeliveries d)
    {
        command.CommandText = UpsertDeliveries;
        AddDeliveries(command.Parameters, incidentId, d);
    }

    private static void AddDeliveries(NpgsqlParameterCollection p, string incidentId, IncidentDeliveries d)
    {
        p.AddWithValue(incidentId);
        p.AddWithValue(d.CitizenNotifiedSeq);
        p.AddWithValue(d.NotifiedSeq);
        p.AddWithValue(d.MergeDelivered);
        p.AddWithValue(d.SplitsFiled.ToArray());
    }

    public static void AddTo(NpgsqlBatch batch, IReadOnlyList<Write> items)
    {
        // One row per incident, the newest its batch has; two of the same row in one upsert is an error.
        var newest = items.Select(i => i.Incident).GroupBy(i => i.Summary.IncidentId).Select(g => g.MaxBy(i => i.Summary.Seq)!).ToList();
        foreach (var incident in newest) batch.BatchCommands.Add(UpsertIncident(incident));
        if (newest.Where(i => i.WakeAt is not null).ToList() is { Count: > 0 } waking) batch.BatchCommands.Add(SetAlarms(waking));
        if (newest.Where(i => i.WakeAt is null).Select(i => i.Summary.IncidentId).ToArray() is { Length: > 0 } idle) batch.BatchCommands.Add(ClearAlarms(idle));

        foreach (var import in items.GroupBy(i => i.Import))
        {
            var events = import.SelectMany(i => i.Events.Select((e, n) => (Id: i.Incident.Summary.IncidentId, Event: e, Stored: i.Stored[n]))).ToList();
            if (events.Count > 0) batch.BatchCommands.Add(InsertEvents(events, import.Key));
        }

        foreach (var item in items.Where(i => i.Imported is not null))
        {
            var id = item.Incident.Summary.IncidentId;
            var deliveries = new NpgsqlBatchCommand(UpsertDeliveries);
            AddDeliveries(deliveries.Parameters, id, item.Imported!);
            batch.BatchCommands.Add(deliveries);
            batch.BatchCommands.Add(Scoped("DELETE FROM incident_legacy_state WHERE incident_id = $1", id));
        }

        foreach (var (incident, list, _, _) in items)
        {
            var id = incident.Summary.IncidentId;
            foreach (var e in list)
            {
                switch (e)
                {
                    case IncidentReported r:
                        batch.BatchCommands.Add(InsertReport(id, r.Seq, 0, r.Report, r.At));
                        break;
                    case ReportAttached a:
                        batch.BatchCommands.Add(InsertReport(id, a.Seq, 0, a.Report, a.At));
                        break;
                    case ReportSplitOut x:
                        batch.BatchCommands.Add(RemoveReport(id, x.ReportSeq));
                        break;
                    case ReportsMergedIn m:
                        for (var n = 0; n < m.Reports.Count; n++) batch.BatchCommands.Add(InsertReport(id, m.Seq, n, m.Reports[n], m.At));
                        break;
                    case EscalationRaised x:
                        batch.BatchCommands.Add(InsertEscalation(id, incident.Summary, x));
                        break;
                    case IncidentAcknowledged:
                        batch.BatchCommands.Add(AnswerEscalations(id, EscalationKind.Ack, e));
                        break;
                    case IncidentResolved:
                        batch.BatchCommands.Add(AnswerEscalations(id, EscalationKind.Resolve, e));
                        break;
                    case EscalationAcknowledged a:
                        batch.BatchCommands.Add(AcknowledgeLevel(id, a));
                        batch.BatchCommands.Add(AcknowledgeNotifications(id, a));
                        break;
                }
            }
        }
    }

    private static NpgsqlBatchCommand UpsertIncident(IncidentRecord incident)
    {
        var s = incident.Summary;
        var r = incident.Report;
        var command = new NpgsqlBatchCommand("""
            INSERT INTO incidents (incident_id, last_seq, tracking_code, status, category, priority, commune, agency, triage_reason,
                                   channel, description, address, lat, lon, reported_at, updated_at, closed_at, escalation_level,
                                   ack_started_at, ack_deadline, acknowledged_at, ack_business_ms,
                                   resolve_started_at, resolve_deadline, resolved_at, resolve_business_ms, ack_due, resolve_due, search_text, report_count, unacknowledged_escalations)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30, $31)
            ON CONFLICT (incident_id) DO UPDATE SET
                last_seq = EXCLUDED.last_seq, status = EXCLUDED.status, priority = EXCLUDED.priority,
                commune = EXCLUDED.commune, agency = EXCLUDED.agency, triage_reason = EXCLUDED.triage_reason,
                updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at, escalation_level = EXCLUDED.escalation_level,
                ack_started_at = EXCLUDED.ack_started_at, ack_deadline = EXCLUDED.ack_deadline,
                acknowledged_at = EXCLUDED.acknowledged_at, ack_business_ms = EXCLUDED.ack_business_ms,
                resolve_started_at = EXCLUDED.resolve_started_at, resolve_deadline = EXCLUDED.resolve_deadline,
                resolved_at = EXCLUDED.resolved_at, resolve_business_ms = EXCLUDED.resolve_business_ms,
                ack_due = EXCLUDED.ack_due, resolve_due = EXCLUDED.resolve_due, report_count = EXCLUDED.report_count,
                unacknowledged_escalations = EXCLUDED.unacknowledged_escalations
            WHERE incidents.last_seq < EXCLUDED.last_seq
            """);
        var p = command.Parameters;
        p.AddWithValue(s.IncidentId);
        p.AddWithValue(s.Seq);
        p.AddWithValue(s.TrackingCode);
        p.AddWithValue(ReadModelNames.Of(s.Status));
        p.AddWithValue(s.Category);
        p.AddWithValue(s.Priority.ToString());
        AddNullable(p, s.Commune);
        AddNullable(p, s.Agency);
        AddNullable(p, s.TriageReason);
        p.AddWithValue(r.Channel);
        p.AddWithValue(r.Description);
        AddNullable(p, r.Address);
        AddNullable(p, r.Location?.Lat);
        AddNullable(p, r.Location?.Lon);
        p.AddWithValue(s.ReportedAt.ToDateTimeUtc());
        p.AddWithValue(s.UpdatedAt.ToDateTimeUtc());
        AddNullable(p, incident.ClosedAt);
        p.AddWithValue(s.EscalationLevel);
        AddClock(p, incident.Ack);
        AddClock(p, incident.Resolve);
        AddNullable(p, s.AckDeadline);
        AddNullable(p, s.ResolveDeadline);
        p.AddWithValue(SearchText.Of(s.TrackingCode, r.Description, r.Address));
        p.AddWithValue(s.ReportCount);
        p.AddWithValue(s.UnacknowledgedEscalations);
        return command;
    }

    /// <summary>The alarm moves with every append, whatever a sweeper had leased: the incident knows best.</summary>
    private static NpgsqlBatchCommand SetAlarms(IReadOnlyList<IncidentRecord> incidents)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO sla_alarms (incident_id, wake_at)
            SELECT * FROM unnest($1::text[], $2::timestamptz[])
            ON CONFLICT (incident_id) DO UPDATE SET wake_at = EXCLUDED.wake_at
            """);
        command.Parameters.AddWithValue(incidents.Select(i => i.Summary.IncidentId).ToArray());
        command.Parameters.AddWithValue(incidents.Select(i => i.WakeAt!.Value.ToDateTimeUtc()).ToArray());
        return command;
    }

    private static NpgsqlBatchCommand ClearAlarms(string[] incidentIds)
    {
        var command = new NpgsqlBatchCommand("DELETE FROM sla_alarms WHERE incident_id = ANY($1)");
        command.Parameters.AddWithValue(incidentIds);
        return command;
    }

    private static NpgsqlBatchCommand AcknowledgeLevel(string incidentId, EscalationAcknowledged a) =>
        LevelCommand("""
            UPDATE escalations SET level_acknowledged_at = $5, level_acknowledged_by = $6
             WHERE incident_id = $1 AND kind = $2 AND round = $3 AND level = $4 AND level_acknowledged_at IS NULL
            """, incidentId, a);

    /// <summary>Every notification of the level shows who acknowledged it; those not yet sent never will be.</summary>
    private static NpgsqlBatchCommand AcknowledgeNotifications(string incidentId, EscalationAcknowledged a)
    {
        var command = LevelCommand("""
            UPDATE notifications
               SET acknowledged_at = $5, acknowledged_by = $6, acknowledged_via = $7,
                   state = CASE WHEN state = 'pending' THEN 'skipped' ELSE state END
             WHERE incident_id = $1 AND kind = $2 AND round = $3 AND level = $4 AND acknowledged_at IS NULL
            """, incidentId, a);
        command.Parameters.AddWithValue(a.Via);
        return command;
    }

    private static NpgsqlBatchCommand LevelCommand(string sql, string incidentId, EscalationAcknowledged a)
    {
        var command = new NpgsqlBatchCommand(sql);
        var p = command.Parameters;
        p.AddWithValue(incidentId);
        p.AddWithValue(ReadModelNames.Of(a.Kind));
        p.AddWithValue(a.Round);
        p.AddWithValue(a.Level);
        p.AddWithValue(a.At.ToDateTimeUtc());
        p.AddWithValue(a.Actor.Id);
        return command;
    }

    /// <summary>
    /// Appends are plain inserts: a seq already stored fails the whole batch, so a stale or duplicate activation of an
    /// incident cannot write over its history. An import fills in the stored form of rows the read model already had.
    /// </summary>
    private static NpgsqlBatchCommand InsertEvents(IReadOnlyList<(string Id, IncidentEvent Event, byte[] Stored)> events, bool import)
    {
        var command = new NpgsqlBatchCommand($"""
            INSERT INTO incident_events (incident_id, seq, type, at, actor_kind, actor_role, actor_id, data, event)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::timestamptz[], $5::text[], $6::text[], $7::text[], $8::jsonb[], $9::bytea[])
            {(import ? "ON CONFLICT (incident_id, seq) DO UPDATE SET event = EXCLUDED.event WHERE incident_events.event IS NULL" : "")}
            """);
        var p = command.Parameters;
        p.AddWithValue(events.Select(e => e.Id).ToArray());
        p.AddWithValue(events.Select(e => e.Event.Seq).ToArray());
        p.AddWithValue(events.Select(e => EventTypes.NameOf(e.Event)).ToArray());
        p.AddWithValue(events.Select(e => e.Event.At.ToDateTimeUtc()).ToArray());
        p.AddWithValue(events.Select(e => e.Event.Actor.Kind).ToArray());
        p.AddWithValue(events.Select(e => ReadModelNames.Of(e.Event.Actor.Role)).ToArray());
        p.AddWithValue(events.Select(e => e.Event.Actor.Id).ToArray());
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Jsonb, Value = events.Select(e => JsonSerializer.Serialize(e.Event, IncidentJson.Options)).ToArray() });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bytea, Value = events.Select(e => e.Stored).ToArray() });
        return command;
    }

    private static NpgsqlBatchCommand InsertReport(string incidentId, long seq, int n, ReportDetails r, Instant at)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO reports (incident_id, seq, channel, category, description, address, lat, lon, commune_code, photos,
                                 reporter_name, reporter_phone, reported_at, n)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
            ON CONFLICT (incident_id, seq, n) DO NOTHING
            """);
        var p = command.Parameters;
        p.AddWithValue(incidentId);
        p.AddWithValue(seq);
        p.AddWithValue(r.Channel);
        p.AddWithValue(r.Category);
        p.AddWithValue(r.Description);
        AddNullable(p, r.Address);
        AddNullable(p, r.Location?.Lat);
        AddNullable(p, r.Location?.Lon);
        AddNullable(p, r.CommuneCode);
        p.AddWithValue(r.Photos.ToArray());
        AddNullable(p, r.Reporter?.Name);
        AddNullable(p, r.Reporter?.Phone);
        p.AddWithValue(at.ToDateTimeUtc());
        p.AddWithValue(n);
        return command;
    }

    /// <summary>A report split out leaves this incident (it arrives with the new one's own events).</summary>
    private static NpgsqlBatchCommand RemoveReport(string incidentId, long seq)
    {
        var command = new NpgsqlBatchCommand("DELETE FROM reports WHERE incident_id = $1 AND seq = $2");
        command.Parameters.AddWithValue(incidentId);
        command.Parameters.AddWithValue(seq);
        return command;
    }

    private static NpgsqlBatchCommand InsertEscalation(string incidentId, IncidentSummary incident, EscalationRaised x)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO escalations (incident_id, kind, round, level, repeat, seq, category, priority, commune, agency,
                                     sla_deadline, due_at, fired_at, lateness_ms, targets)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
            ON CONFLICT (incident_id, kind, round, level, repeat) DO NOTHING
            """);
        var p = command.Parameters;
        p.AddWithValue(incidentId);
        p.AddWithValue(ReadModelNames.Of(x.Kind));
        p.AddWithValue(x.Round);
        p.AddWithValue(x.Level);
        p.AddWithValue(x.Repeat);
        p.AddWithValue(x.Seq);
        p.AddWithValue(incident.Category);
        p.AddWithValue(incident.Priority.ToString());
        AddNullable(p, incident.Commune);
        AddNullable(p, incident.Agency);
        p.AddWithValue(x.SlaDeadline.ToDateTimeUtc());
        p.AddWithValue(x.DueAt.ToDateTimeUtc());
        p.AddWithValue(x.At.ToDateTimeUtc());
        p.AddWithValue((long)x.Lateness.TotalMilliseconds);
        p.AddWithValue(x.Targets.ToArray());
        return command;
    }

    /// <summary>The acknowledgement (or resolution) answers every step of that ladder still open, however late.</summary>
    private static NpgsqlBatchCommand AnswerEscalations(string incidentId, EscalationKind kind, IncidentEvent answer)
    {
        var command = new NpgsqlBatchCommand("""
            UPDATE escalations
               SET acknowledged_at = $3,
                   ack_after_ms = (EXTRACT(EPOCH FROM ($3 - fired_at)) * 1000)::bigint
             WHERE incident_id = $1 AND kind = $2 AND acknowledged_at IS NULL AND seq < $4
            """);
        command.Parameters.AddWithValue(incidentId);
        command.Parameters.AddWithValue(ReadModelNames.Of(kind));
        command.Parameters.AddWithValue(answer.At.ToDateTimeUtc());
        command.Parameters.AddWithValue(answer.Seq);
        return command;
    }

    private static void AddClock(NpgsqlParameterCollection p, ClockRecord? clock)
    {
        AddNullable(p, clock?.StartedAt);
        AddNullable(p, clock?.Deadline);
        AddNullable(p, clock?.MetAt);
        AddNullable(p, clock?.BusinessTimeTaken is { } taken ? (long)taken.TotalMilliseconds : null);
    }

    private static void AddNullable(NpgsqlParameterCollection p, string? value) =>
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });

    private static void AddNullable(NpgsqlParameterCollection p, double? value) =>
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double, Value = (object?)value ?? DBNull.Value });

    private static void AddNullable(NpgsqlParameterCollection p, long? value) =>
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = (object?)value ?? DBNull.Value });

    private static void AddNullable(NpgsqlParameterCollection p, Instant? value) =>
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = (object?)value?.ToDateTimeUtc() ?? DBNull.Value });
}
