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

        /// <summary>Retention: the incident's whole stored history in its redacted form, replacing what is there.</summary>
        public IReadOnlyList<(IncidentEvent Event, byte[] Stored)>? Redacted { get; init; }

        /// <summary>Retention: the stored photos the incident's events named, deleted with the redaction.</summary>
        public IReadOnlyCollection<string> ErasedPhotos { get; init; } = [];

        /// <summary>The incident's state as of the last of <see cref="Events"/>, replacing its stored snapshot.</summary>
        public StoredSnapshot? Snapshot { get; init; }
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
        batch.BatchCommands.Add(UpsertIncidents(newest));
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

        foreach (var item in items.Where(i => i.Redacted is not null)) AddRedaction(batch, item.Incident, item.Redacted!, item.ErasedPhotos);

        var snapshots = items.Where(i => i.Snapshot is not null).GroupBy(i => i.Incident.Summary.IncidentId)
            .Select(g => (Id: g.Key, Snapshot: g.Select(i => i.Snapshot!).MaxBy(x => x.Seq)!)).ToList();
        if (snapshots.Count > 0) batch.BatchCommands.Add(UpsertSnapshots(snapshots));

        // Every report first, in one statement: a split in this batch removes one that came in before it.
        var reports = items.SelectMany(i => i.Events.SelectMany(e => ReportsIn(i.Incident.Summary.IncidentId, e))).ToList();
        if (reports.Count > 0) batch.BatchCommands.Add(InsertReports(reports));

        // Every rating in one statement; a seq already there (a re-delivery) changes nothing.
        var ratings = items.SelectMany(i => i.Events.OfType<IncidentRated>().Select(e => (Id: i.Incident.Summary.IncidentId, Event: e))).ToList();
        if (ratings.Count > 0) batch.BatchCommands.Add(InsertRatings(ratings));

        foreach (var (incident, list, _, _) in items)
        {
            var id = incident.Summary.IncidentId;
            foreach (var e in list)
            {
                switch (e)
                {
                    case ReportSplitOut x:
                        batch.BatchCommands.Add(RemoveReport(id, x.ReportSeq));
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

    /// <summary>The incidents' snapshots in one statement, each only ever moving forward by seq.</summary>
    private static NpgsqlBatchCommand UpsertSnapshots(IReadOnlyList<(string Id, StoredSnapshot Snapshot)> snapshots)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO incident_snapshots (incident_id, seq, format, state)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::integer[], $4::bytea[])
            ON CONFLICT (incident_id) DO UPDATE SET seq = EXCLUDED.seq, format = EXCLUDED.format, state = EXCLUDED.state
            WHERE incident_snapshots.seq < EXCLUDED.seq OR incident_snapshots.format <> EXCLUDED.format
            """);
        command.Parameters.Add(Column(NpgsqlDbType.Text, snapshots.Select(s => s.Id)));
        command.Parameters.Add(Column(NpgsqlDbType.Bigint, snapshots.Select(s => s.Snapshot.Seq)));
        command.Parameters.Add(Column(NpgsqlDbType.Integer, snapshots.Select(s => s.Snapshot.Format)));
        command.Parameters.Add(Column(NpgsqlDbType.Bytea, snapshots.Select(s => s.Snapshot.State)));
        return command;
    }

    /// <summary>The incidents' rows in one statement (one row per incident), each only ever moving forward by seq.</summary>
    private static NpgsqlBatchCommand UpsertIncidents(IReadOnlyList<IncidentRecord> incidents)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO incidents (incident_id, last_seq, tracking_code, status, category, priority, commune, agency, triage_reason,
                                   channel, description, address, lat, lon, reported_at, updated_at, closed_at, escalation_level,
                                   ack_started_at, ack_deadline, acknowledged_at, ack_business_ms,
                                   resolve_started_at, resolve_deadline, resolved_at, resolve_business_ms, ack_due, resolve_due, search_text, report_count, unacknowledged_escalations,
                                   outcome, referred_to, crew_id, crew_name, crew_stage, first_arrived_at)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                                 $10::text[], $11::text[], $12::text[], $13::float8[], $14::float8[], $15::timestamptz[], $16::timestamptz[], $17::timestamptz[], $18::integer[],
                                 $19::timestamptz[], $20::timestamptz[], $21::timestamptz[], $22::bigint[],
                                 $23::timestamptz[], $24::timestamptz[], $25::timestamptz[], $26::bigint[], $27::timestamptz[], $28::timestamptz[], $29::text[], $30::integer[], $31::integer[],
                                 $32::text[], $33::text[], $34::text[], $35::text[], $36::text[], $37::timestamptz[])
            ON CONFLICT (incident_id) DO UPDATE SET
                last_seq = EXCLUDED.last_seq, status = EXCLUDED.status, priority = EXCLUDED.priority,
                commune = EXCLUDED.commune, agency = EXCLUDED.agency, triage_reason = EXCLUDED.triage_reason,
                updated_at = EXCLUDED.updated_at, closed_at = EXCLUDED.closed_at, escalation_level = EXCLUDED.escalation_level,
                ack_started_at = EXCLUDED.ack_started_at, ack_deadline = EXCLUDED.ack_deadline,
                acknowledged_at = EXCLUDED.acknowledged_at, ack_business_ms = EXCLUDED.ack_business_ms,
                resolve_started_at = EXCLUDED.resolve_started_at, resolve_deadline = EXCLUDED.resolve_deadline,
                resolved_at = EXCLUDED.resolved_at, resolve_business_ms = EXCLUDED.resolve_business_ms,
                ack_due = EXCLUDED.ack_due, resolve_due = EXCLUDED.resolve_due, report_count = EXCLUDED.report_count,
                unacknowledged_escalations = EXCLUDED.unacknowledged_escalations,
                outcome = EXCLUDED.outcome, referred_to = EXCLUDED.referred_to,
                crew_id = EXCLUDED.crew_id, crew_name = EXCLUDED.crew_name, crew_stage = EXCLUDED.crew_stage,
                first_arrived_at = EXCLUDED.first_arrived_at
            WHERE incidents.last_seq < EXCLUDED.last_seq
            """);
        var p = command.Parameters;
        var s = incidents.Select(i => i.Summary).ToList();
        var r = incidents.Select(i => i.Report).ToList();
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.IncidentId)));
        p.Add(Column(NpgsqlDbType.Bigint, s.Select(x => x.Seq)));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.TrackingCode)));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => ReadModelNames.Of(x.Status))));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.Category)));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.Priority.ToString())));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.Commune)));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.Agency)));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.TriageReason)));
        p.Add(Column(NpgsqlDbType.Text, r.Select(x => x.Channel)));
        p.Add(Column(NpgsqlDbType.Text, r.Select(x => x.Description)));
        p.Add(Column(NpgsqlDbType.Text, r.Select(x => x.Address)));
        p.Add(Column(NpgsqlDbType.Double, r.Select(x => x.Location?.Lat)));
        p.Add(Column(NpgsqlDbType.Double, r.Select(x => x.Location?.Lon)));
        p.Add(Column(NpgsqlDbType.TimestampTz, s.Select(x => Utc(x.ReportedAt))));
        p.Add(Column(NpgsqlDbType.TimestampTz, s.Select(x => Utc(x.UpdatedAt))));
        p.Add(Column(NpgsqlDbType.TimestampTz, incidents.Select(i => Utc(i.ClosedAt))));
        p.Add(Column(NpgsqlDbType.Integer, s.Select(x => x.EscalationLevel)));
        foreach (var clock in new Func<IncidentRecord, ClockRecord?>[] { i => i.Ack, i => i.Resolve })
        {
            p.Add(Column(NpgsqlDbType.TimestampTz, incidents.Select(i => Utc(clock(i)?.StartedAt))));
            p.Add(Column(NpgsqlDbType.TimestampTz, incidents.Select(i => Utc(clock(i)?.Deadline))));
            p.Add(Column(NpgsqlDbType.TimestampTz, incidents.Select(i => Utc(clock(i)?.MetAt))));
            p.Add(Column(NpgsqlDbType.Bigint, incidents.Select(i => clock(i)?.BusinessTimeTaken is { } taken ? (long?)taken.TotalMilliseconds : null)));
        }
        p.Add(Column(NpgsqlDbType.TimestampTz, s.Select(x => Utc(x.AckDeadline))));
        p.Add(Column(NpgsqlDbType.TimestampTz, s.Select(x => Utc(x.ResolveDeadline))));
        p.Add(Column(NpgsqlDbType.Text, incidents.Select(i => SearchText.Of(i.Summary.TrackingCode, i.Report.Description, i.Report.Address))));
        p.Add(Column(NpgsqlDbType.Integer, s.Select(x => x.ReportCount)));
        p.Add(Column(NpgsqlDbType.Integer, s.Select(x => x.UnacknowledgedEscalations)));
        p.Add(Column(NpgsqlDbType.Text, incidents.Select(i => i.Resolution is { } r ? ReadModelNames.Of(r.Outcome) : null)));
        p.Add(Column(NpgsqlDbType.Text, incidents.Select(i => i.Resolution?.ReferredTo)));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.Crew?.Crew)));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.Crew?.Name)));
        p.Add(Column(NpgsqlDbType.Text, s.Select(x => x.Crew?.Stage)));
        p.Add(Column(NpgsqlDbType.TimestampTz, incidents.Select(i => Utc(i.FirstArrivedAt))));
        return command;
    }

    /// <summary>
    /// Overwrites the stored events (both forms, and the actor column) with their redacted form, and the personal
    /// fields of the incident's reports and row. Reports split out earlier are not brought back: only rows still there
    /// are updated.
    /// </summary>
    private static void AddRedaction(NpgsqlBatch batch, IncidentRecord incident, IReadOnlyList<(IncidentEvent Event, byte[] Stored)> redacted,
        IReadOnlyCollection<string> erasedPhotos)
    {
        var id = incident.Summary.IncidentId;
        var events = Scoped("""
            UPDATE incident_events e SET data = u.data, event = u.event, actor_id = u.actor_id
              FROM unnest($2::bigint[], $3::jsonb[], $4::bytea[], $5::text[]) AS u(seq, data, event, actor_id)
             WHERE e.incident_id = $1 AND e.seq = u.seq
            """, id);
        events.Parameters.Add(Column(NpgsqlDbType.Bigint, redacted.Select(r => r.Event.Seq)));
        events.Parameters.Add(Column(NpgsqlDbType.Jsonb, redacted.Select(r => EventData(r.Event))));
        events.Parameters.Add(Column(NpgsqlDbType.Bytea, redacted.Select(r => r.Stored)));
        events.Parameters.Add(Column(NpgsqlDbType.Text, redacted.Select(r => r.Event.Actor.Id)));
        batch.BatchCommands.Add(events);

        var rows = redacted.SelectMany(r => ReportsIn(id, r.Event)).ToList();
        var reports = Scoped("""
            UPDATE reports r SET description = u.description, reporter_name = NULL, reporter_phone = NULL, photos = '{}'
              FROM unnest($2::bigint[], $3::integer[], $4::text[]) AS u(seq, n, description)
             WHERE r.incident_id = $1 AND r.seq = u.seq AND r.n = u.n
            """, id);
        reports.Parameters.Add(Column(NpgsqlDbType.Bigint, rows.Select(r => r.Seq)));
        reports.Parameters.Add(Column(NpgsqlDbType.Integer, rows.Select(r => r.N)));
        reports.Parameters.Add(Column(NpgsqlDbType.Text, rows.Select(r => r.Report.Description)));
        batch.BatchCommands.Add(reports);

        var rated = redacted.Select(r => r.Event).OfType<IncidentRated>().ToList();
        if (rated.Count > 0)
        {
            var comments = Scoped("""
                UPDATE incident_ratings r SET comment = u.comment
                  FROM unnest($2::bigint[], $3::text[]) AS u(seq, comment)
                 WHERE r.incident_id = $1 AND r.seq = u.seq
                """, id);
            comments.Parameters.Add(Column(NpgsqlDbType.Bigint, rated.Select(r => r.Seq)));
            comments.Parameters.Add(Column(NpgsqlDbType.Text, rated.Select(r => r.Comment)));
            batch.BatchCommands.Add(comments);
        }

        if (erasedPhotos.Count > 0)
        {
            var photos = new NpgsqlBatchCommand("DELETE FROM photos WHERE photo_id = ANY($1)");
            photos.Parameters.Add(Column(NpgsqlDbType.Text, erasedPhotos));
            batch.BatchCommands.Add(photos);
        }

        // The snapshot folds the reports in; the next activation replays the redacted log and may write a new one.
        batch.BatchCommands.Add(Scoped("DELETE FROM incident_snapshots WHERE incident_id = $1", id));

        var row = Scoped("UPDATE incidents SET description = $2, search_text = $3, personal_data_redacted_at = $4 WHERE incident_id = $1", id);
        row.Parameters.AddWithValue(incident.Report.Description);
        row.Parameters.AddWithValue(SearchText.Of(incident.Summary.TrackingCode, incident.Report.Description, incident.Report.Address));
        row.Parameters.AddWithValue(Utc(incident.Summary.UpdatedAt));
        batch.BatchCommands.Add(row);
    }

    /// <summary>One array parameter: a column of a multi-row statement, read back by unnest.</summary>
    internal static NpgsqlParameter Column<T>(NpgsqlDbType type, IEnumerable<T> values) =>
        new() { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values.ToArray() };

    // The event's JSON for the `data` column, handed over as UTF-8: as a string it took twice the bytes and Npgsql
    // encoded it again (by allocation trace, the largest single source of garbage at intake).
    private static byte[] EventData(IncidentEvent e) => JsonSerializer.SerializeToUtf8Bytes(e, IncidentJson.Options);

    private static DateTime? Utc(Instant? at) => at?.ToDateTimeUtc();

    private static DateTime Utc(Instant at) => at.ToDateTimeUtc();

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
        p.Add(Column(NpgsqlDbType.Jsonb, events.Select(e => EventData(e.Event))));
        p.Add(Column(NpgsqlDbType.Bytea, events.Select(e => e.Stored)));
        return command;
    }

    private static NpgsqlBatchCommand InsertRatings(IReadOnlyList<(string Id, IncidentRated Event)> ratings)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO incident_ratings (incident_id, seq, channel, stars, comment, rated_at)
            SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[], $4::smallint[], $5::text[], $6::timestamptz[])
            ON CONFLICT (incident_id, seq) DO NOTHING
            """);
        var p = command.Parameters;
        p.Add(Column(NpgsqlDbType.Text, ratings.Select(r => r.Id)));
        p.Add(Column(NpgsqlDbType.Bigint, ratings.Select(r => r.Event.Seq)));
        p.Add(Column(NpgsqlDbType.Text, ratings.Select(r => r.Event.Channel)));
        p.Add(Column(NpgsqlDbType.Smallint, ratings.Select(r => (short)r.Event.Stars)));
        p.Add(Column(NpgsqlDbType.Text, ratings.Select(r => r.Event.Comment)));
        p.Add(Column(NpgsqlDbType.TimestampTz, ratings.Select(r => Utc(r.Event.At))));
        return command;
    }

    private sealed record ReportRow(string IncidentId, long Seq, int N, ReportDetails Report, Instant At);

    /// <summary>The reports an event brings: the first, an attached one, or those merged in from another incident.</summary>
    private static IEnumerable<ReportRow> ReportsIn(string incidentId, IncidentEvent e) => e switch
    {
        IncidentReported r => [new ReportRow(incidentId, r.Seq, 0, r.Report, r.At)],
        ReportAttached a => [new ReportRow(incidentId, a.Seq, 0, a.Report, a.At)],
        ReportsMergedIn m => m.Reports.Select((report, n) => new ReportRow(incidentId, m.Seq, n, report, m.At)),
        _ => [],
    };

    // Photo URLs travel as one string per report (a row of a two-dimensional array cannot be unnested into a column);
    // the unit separator cannot occur in a URL.
    private const char PhotoSeparator = '\u001f';

    private static NpgsqlBatchCommand InsertReports(IReadOnlyList<ReportRow> rows)
    {
        var command = new NpgsqlBatchCommand("""
            INSERT INTO reports (incident_id, seq, channel, category, description, address, lat, lon, commune_code, photos,
                                 reporter_name, reporter_phone, reported_at, n)
            SELECT incident_id, seq, channel, category, description, address, lat, lon, commune_code,
                   CASE WHEN photos = '' THEN '{}'::text[] ELSE string_to_array(photos, chr(31)) END,
                   reporter_name, reporter_phone, reported_at, n
              FROM unnest($1::text[], $2::bigint[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::float8[], $9::text[],
                          $10::text[], $11::text[], $12::text[], $13::timestamptz[], $14::integer[])
                   AS r(incident_id, seq, channel, category, description, address, lat, lon, commune_code, photos, reporter_name, reporter_phone, reported_at, n)
            ON CONFLICT (incident_id, seq, n) DO NOTHING
            """);
        var p = command.Parameters;
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => x.IncidentId)));
        p.Add(Column(NpgsqlDbType.Bigint, rows.Select(x => x.Seq)));
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => x.Report.Channel)));
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => x.Report.Category)));
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => x.Report.Description)));
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => x.Report.Address)));
        p.Add(Column(NpgsqlDbType.Double, rows.Select(x => x.Report.Location?.Lat)));
        p.Add(Column(NpgsqlDbType.Double, rows.Select(x => x.Report.Location?.Lon)));
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => x.Report.CommuneCode)));
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => string.Join(PhotoSeparator, x.Report.Photos))));
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => x.Report.Reporter?.Name)));
        p.Add(Column(NpgsqlDbType.Text, rows.Select(x => x.Report.Reporter?.Phone)));
        p.Add(Column(NpgsqlDbType.TimestampTz, rows.Select(x => Utc(x.At))));
        p.Add(Column(NpgsqlDbType.Integer, rows.Select(x => x.N)));
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

    private static void AddNullable(NpgsqlParameterCollection p, string? value) =>
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = (object?)value ?? DBNull.Value });
}
