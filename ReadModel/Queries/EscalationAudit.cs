using System.Runtime.CompilerServices;
using BacGiang.Incidents.Sla;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

public sealed record EscalationFilter
{
    /// <summary>Period on the firing time.</summary>
    public Instant? From { get; init; }
    public Instant? To { get; init; }
    public string? Commune { get; init; }
    public string? Agency { get; init; }
    public string? Category { get; init; }
    public int? Level { get; init; }
    public EscalationKind? Kind { get; init; }
    /// <summary>Worst lateness first instead of latest firing first.</summary>
    public bool ByLateness { get; init; }
    public int Limit { get; init; } = 500;
    public int Offset { get; init; }
}

/// <summary>One fired ladder step as supervisors audit it (DESIGN.md §4's escalation record).</summary>
public sealed record EscalationRecordView
{
    public required string IncidentId { get; init; }
    public required EscalationKind Kind { get; init; }
    public required int Round { get; init; }
    public required int Level { get; init; }
    public required int Repeat { get; init; }
    public required string Category { get; init; }
    public required string Priority { get; init; }
    public string? Commune { get; init; }
    public string? Agency { get; init; }
    public required Instant SlaDeadline { get; init; }
    public required Instant DueAt { get; init; }
    public required Instant FiredAt { get; init; }
    /// <summary>Fired − due, in milliseconds.</summary>
    public required long LatenessMs { get; init; }
    public required IReadOnlyList<string> Targets { get; init; }
    /// <summary>When the commune acknowledged (ack ladder) or the agency resolved (resolve ladder) after this step.</summary>
    public Instant? AcknowledgedAt { get; init; }
    public long? AckAfterMs { get; init; }
}

/// <summary>The escalation audit: the escalations table filtered, one indexed query.</summary>
public sealed class EscalationAudit(NpgsqlDataSource database)
{
    public async IAsyncEnumerable<EscalationRecordView> Find(EscalationFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var where = new List<string>();
        await using var command = database.CreateCommand();
        var p = command.Parameters;

        string Param(object value) => p.Placeholder(value);

        if (filter.From is { } from) where.Add($"fired_at >= {Param(from.ToDateTimeUtc())}");
        if (filter.To is { } to) where.Add($"fired_at < {Param(to.ToDateTimeUtc())}");
        if (filter.Commune is { } commune) where.Add($"commune = {Param(commune)}");
        if (filter.Agency is { } agency) where.Add($"agency = {Param(agency)}");
        if (filter.Category is { } category) where.Add($"category = {Param(category)}");
        if (filter.Level is { } level) where.Add($"level = {Param(level)}");
        if (filter.Kind is { } kind) where.Add($"kind = {Param(ReadModelNames.Of(kind))}");
        command.CommandText = $"""
            SELECT incident_id, kind, round, level, repeat, category, priority, commune, agency,
                   sla_deadline, due_at, fired_at, lateness_ms, targets, acknowledged_at, ack_after_ms
              FROM escalations
             {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
             ORDER BY {(filter.ByLateness ? "lateness_ms DESC, fired_at DESC" : "fired_at DESC")}, incident_id, kind, round, level, repeat
             LIMIT {filter.Limit} OFFSET {filter.Offset}
            """;
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return new EscalationRecordView
            {
                IncidentId = reader.GetString(0),
                Kind = ReadModelNames.Parse<EscalationKind>(reader.GetString(1)),
                Round = reader.GetInt32(2),
                Level = reader.GetInt32(3),
                Repeat = reader.GetInt32(4),
                Category = reader.GetString(5),
                Priority = reader.GetString(6),
                Commune = reader.IsDBNull(7) ? null : reader.GetString(7),
                Agency = reader.IsDBNull(8) ? null : reader.GetString(8),
                SlaDeadline = Instant.FromDateTimeUtc(reader.GetDateTime(9)),
                DueAt = Instant.FromDateTimeUtc(reader.GetDateTime(10)),
                FiredAt = Instant.FromDateTimeUtc(reader.GetDateTime(11)),
                LatenessMs = reader.GetInt64(12),
                Targets = reader.GetFieldValue<string[]>(13),
                AcknowledgedAt = reader.IsDBNull(14) ? null : Instant.FromDateTimeUtc(reader.GetDateTime(14)),
                AckAfterMs = reader.IsDBNull(15) ? null : reader.GetInt64(15),
            };
        }
    }
}
