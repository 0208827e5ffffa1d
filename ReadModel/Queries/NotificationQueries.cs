using System.Data.Common;
using System.Runtime.CompilerServices;
using BacGiang.Incidents.Notifications;
using BacGiang.Incidents.Sla;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

/// <summary>One notification as its recipient and the audit see it.</summary>
public sealed record NotificationView
{
    public required string NotificationId { get; init; }
    public required string EscalationId { get; init; }
    public required string IncidentId { get; init; }
    public required EscalationKind Kind { get; init; }
    public required int Round { get; init; }
    public required int Level { get; init; }
    public required int Repeat { get; init; }
    public required string Priority { get; init; }
    public required string Category { get; init; }
    public string? Commune { get; init; }
    public string? Agency { get; init; }
    public required string StaffId { get; init; }
    public required string StaffName { get; init; }
    public required string Unit { get; init; }
    public required string Target { get; init; }
    /// <summary>Why this person was chosen: on duty, stands in for someone, or a fallback for a target nobody held.</summary>
    public required string Reason { get; init; }
    public required string Channel { get; init; }
    public required string Body { get; init; }
    public required string State { get; init; }
    public required int Attempts { get; init; }
    public string? LastError { get; init; }
    public string? ProviderCode { get; init; }
    public required Instant FiredAt { get; init; }
    public required Instant NotBefore { get; init; }
    public Instant? SentAt { get; init; }
    public Instant? DeliveredAt { get; init; }
    public Instant? AcknowledgedAt { get; init; }
    public string? AcknowledgedBy { get; init; }
    public string? AcknowledgedVia { get; init; }
    /// <summary>Fired → sent, in milliseconds: the time it took the system to get word out.</summary>
    public long? FireToSentMs { get; init; }
}

public sealed record MyEscalations(int Unacknowledged, IReadOnlyList<NotificationView> Items);

public sealed record NotificationFilter
{
    public Instant? From { get; init; }
    public Instant? To { get; init; }
    public string? Commune { get; init; }
    public string? Agency { get; init; }
    public string? IncidentId { get; init; }
    public string? Channel { get; init; }
    public int Limit { get; init; } = 500;
    public int Offset { get; init; }
}

public sealed record EscalationGapView(
    string EscalationId, string IncidentId, string Target, string? Unit, string Reason, string FellBackTo, Instant FiredAt, string? Commune, string? Agency);

/// <summary>The level of a fired step that a notification belongs to: what an acknowledgement acknowledges.</summary>
public sealed record NotifiedLevel(string IncidentId, EscalationKind Kind, int Round, int Level, string StaffId, string StaffName, string Unit);

/// <summary>Reads and small updates of the notifications table for the console, the acknowledgement links, delivery reports and the audit.</summary>
public sealed class NotificationQueries(NpgsqlDataSource database, IClock clock)
{
    private const string Columns = """
        notification_id, escalation_id, incident_id, kind, round, level, repeat, priority, category, commune, agency,
        staff_id, staff_name, unit, target, reason, channel, body, state, attempts, last_error, provider_code,
        fired_at, not_before, sent_at, delivered_at, acknowledged_at, acknowledged_by, acknowledged_via
        """;

    /// <summary>
    /// A person's console notifications, newest first, once they are due; loading them is their delivery to the
    /// person's screen, so the sent ones are marked delivered in the same statement.
    /// </summary>
    public async Task<MyEscalations> Mine(string staffId, int limit, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        await using var batch = database.CreateBatch();
        var deliver = new NpgsqlBatchCommand("""
            UPDATE notifications SET state = 'delivered', delivered_at = $2
             WHERE staff_id = $1 AND channel = 'console' AND state = 'sent'
            """);
        deliver.Parameters.AddWithValue(staffId);
        deliver.Parameters.AddWithValue(now);
        batch.BatchCommands.Add(deliver);
        var list = new NpgsqlBatchCommand($"""
            SELECT {Columns} FROM notifications
             WHERE staff_id = $1 AND channel = 'console' AND state IN ('sent', 'delivered', 'skipped') AND not_before <= $2
             ORDER BY fired_at DESC LIMIT $3
            """);
        list.Parameters.AddWithValue(staffId);
        list.Parameters.AddWithValue(now);
        list.Parameters.AddWithValue(limit);
        batch.BatchCommands.Add(list);
        var count = new NpgsqlBatchCommand("""
            SELECT count(*) FROM notifications
             WHERE staff_id = $1 AND channel = 'console' AND state IN ('sent', 'delivered') AND not_before <= $2 AND acknowledged_at IS NULL
            """);
        count.Parameters.AddWithValue(staffId);
        count.Parameters.AddWithValue(now);
        batch.BatchCommands.Add(count);
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var items = new List<NotificationView>();
        while (await reader.ReadAsync(ct)) items.Add(Read(reader));
        await reader.NextResultAsync(ct);
        await reader.ReadAsync(ct);
        return new MyEscalations((int)reader.GetInt64(0), items);
    }

    /// <summary>The level the person was notified of, if they were; null when they were not among its recipients.</summary>
    public Task<NotifiedLevel?> Recipient(EscalationId id, string staffId, CancellationToken ct) =>
        Level("incident_id = $1 AND kind = $2 AND round = $3 AND level = $4 AND staff_id = $5",
            [id.IncidentId, EscalationId.KindName(id.Kind), id.Round, id.Level, staffId], ct);

    /// <summary>The level an SMS acknowledgement link stands for.</summary>
    public Task<NotifiedLevel?> ByToken(string token, CancellationToken ct) => Level("ack_token = $1", [token], ct);

    /// <summary>The newest unacknowledged level a Zalo user was told of about this incident.</summary>
    public Task<NotifiedLevel?> OpenOnZalo(string zaloUserId, string incidentId, CancellationToken ct) =>
        Level("channel = 'zalo' AND address = $1 AND incident_id = $2 AND acknowledged_at IS NULL", [zaloUserId, incidentId], ct);

    private async Task<NotifiedLevel?> Level(string where, object[] values, CancellationToken ct)
    {
        await using var command = database.CreateCommand($"""
            SELECT incident_id, kind, round, level, staff_id, staff_name, unit FROM notifications
             WHERE {where} ORDER BY fired_at DESC, level DESC LIMIT 1
            """);
        foreach (var v in values) command.Parameters.AddWithValue(v);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? new NotifiedLevel(reader.GetString(0), ReadModelNames.Parse<EscalationKind>(reader.GetString(1)), reader.GetInt32(2), reader.GetInt32(3),
                reader.GetString(4), reader.GetString(5), reader.GetString(6))
            : null;
    }

    /// <summary>The gateway's delivery report for an SMS; false when no such notification exists.</summary>
    public async Task<bool> SmsDelivered(string notificationId, bool delivered, string? status, CancellationToken ct)
    {
        await using var command = database.CreateCommand(delivered
            ? """
              UPDATE notifications SET state = 'delivered', delivered_at = COALESCE(delivered_at, $2), sent_at = COALESCE(sent_at, $2)
               WHERE notification_id = $1 AND channel = 'sms' AND state IN ('sending', 'sent', 'delivered')
              """
            : """
              UPDATE notifications SET state = 'failed', last_error = 'the carrier did not deliver it (status ' || $3 || ')'
               WHERE notification_id = $1 AND channel = 'sms' AND state IN ('sending', 'sent')
              """);
        command.Parameters.AddWithValue(notificationId);
        command.Parameters.AddWithValue(clock.GetCurrentInstant().ToDateTimeUtc());
        command.Parameters.AddWithValue(status ?? "");
        return await command.ExecuteNonQueryAsync(ct) > 0 || await Exists(notificationId, ct);
    }

    /// <summary>Zalo's user_received_message for messages the OA sent to staff.</summary>
    public async Task<int> ZaloDelivered(IReadOnlyList<string> messageIds, CancellationToken ct)
    {
        await using var command = database.CreateCommand("""
            UPDATE notifications SET state = 'delivered', delivered_at = COALESCE(delivered_at, $2)
             WHERE channel = 'zalo' AND provider_id = ANY($1) AND state IN ('sent', 'delivered')
            """);
        command.Parameters.AddWithValue(messageIds.ToArray());
        command.Parameters.AddWithValue(clock.GetCurrentInstant().ToDateTimeUtc());
        return await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<bool> Exists(string notificationId, CancellationToken ct)
    {
        await using var command = database.CreateCommand("SELECT 1 FROM notifications WHERE notification_id = $1");
        command.Parameters.AddWithValue(notificationId);
        return await command.ExecuteScalarAsync(ct) is not null;
    }

    public async IAsyncEnumerable<NotificationView> Find(NotificationFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = database.CreateCommand();
        command.CommandText = $"""
            SELECT {Columns} FROM notifications
             {Where(filter, command.Parameters)}
             ORDER BY fired_at DESC, escalation_id, staff_id, channel
             LIMIT {filter.Limit} OFFSET {filter.Offset}
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return Read(reader);
    }

    public async Task<IReadOnlyList<EscalationGapView>> Gaps(NotificationFilter filter, CancellationToken ct)
    {
        await using var command = database.CreateCommand();
        command.CommandText = $"""
            SELECT escalation_id, incident_id, target, unit, reason, fell_back_to, fired_at, commune, agency FROM escalation_gaps
             {Where(filter with { Channel = null }, command.Parameters)}
             ORDER BY fired_at DESC LIMIT {filter.Limit} OFFSET {filter.Offset}
            """;
        var gaps = new List<EscalationGapView>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            gaps.Add(new EscalationGapView(reader.GetString(0), reader.GetString(1), reader.GetString(2), Text(reader, 3), reader.GetString(4),
                reader.GetString(5), Instant.FromDateTimeUtc(reader.GetDateTime(6)), Text(reader, 7), Text(reader, 8)));
        return gaps;
    }

    /// <summary>The filter as a WHERE clause over columns both tables share (channel: notifications only).</summary>
    private static string Where(NotificationFilter filter, NpgsqlParameterCollection p)
    {
        var where = new List<string>();
        if (filter.From is { } from) where.Add($"fired_at >= {p.Placeholder(from.ToDateTimeUtc())}");
        if (filter.To is { } to) where.Add($"fired_at < {p.Placeholder(to.ToDateTimeUtc())}");
        if (filter.Commune is { } commune) where.Add($"commune = {p.Placeholder(commune)}");
        if (filter.Agency is { } agency) where.Add($"agency = {p.Placeholder(agency)}");
        if (filter.IncidentId is { } incident) where.Add($"incident_id = {p.Placeholder(incident)}");
        if (filter.Channel is { } channel) where.Add($"channel = {p.Placeholder(channel)}");
        return where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "";
    }

    private static NotificationView Read(DbDataReader r)
    {
        var fired = Instant.FromDateTimeUtc(r.GetDateTime(22));
        var sent = Time(r, 24);
        return new NotificationView
        {
            NotificationId = r.GetString(0), EscalationId = r.GetString(1), IncidentId = r.GetString(2),
            Kind = ReadModelNames.Parse<EscalationKind>(r.GetString(3)), Round = r.GetInt32(4), Level = r.GetInt32(5), Repeat = r.GetInt32(6),
            Priority = r.GetString(7), Category = r.GetString(8), Commune = Text(r, 9), Agency = Text(r, 10),
            StaffId = r.GetString(11), StaffName = r.GetString(12), Unit = r.GetString(13), Target = r.GetString(14), Reason = r.GetString(15),
            Channel = r.GetString(16), Body = r.GetString(17), State = r.GetString(18), Attempts = r.GetInt32(19),
            LastError = Text(r, 20), ProviderCode = Text(r, 21),
            FiredAt = fired, NotBefore = Instant.FromDateTimeUtc(r.GetDateTime(23)), SentAt = sent, DeliveredAt = Time(r, 25),
            AcknowledgedAt = Time(r, 26), AcknowledgedBy = Text(r, 27), AcknowledgedVia = Text(r, 28),
            FireToSentMs = sent is { } s ? (long)(s - fired).TotalMilliseconds : null,
        };
    }

    private static string? Text(DbDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static Instant? Time(DbDataReader r, int i) => r.IsDBNull(i) ? null : Instant.FromDateTimeUtc(r.GetDateTime(i));
}
