using System.Data.Common;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.Api.ReadModel;

/// <summary>The working lists, read from the read model: one indexed query each, however many incidents are open.</summary>
public sealed class IncidentQueries(NpgsqlDataSource database, IClock clock)
{
    /// <summary>Longest list returned; the counts still cover every open incident.</summary>
    public const int MaxListed = 1000;

    private const string Open = "status NOT IN ('closed', 'rejected', 'merged')";

    public Task<IncidentList> Inbox(string commune, CancellationToken ct) =>
        OpenList(commune, "commune = $1 AND triage_reason IS NULL", commune, ct);

    public Task<IncidentList> Queue(string agency, CancellationToken ct) =>
        OpenList(agency, "agency = $1 AND triage_reason IS NULL", agency, ct);

    public Task<IncidentList> Triage(CancellationToken ct) =>
        OpenList("province", "triage_reason IS NOT NULL", null, ct);

    private async Task<IncidentList> OpenList(string owner, string where, string? key, CancellationToken ct)
    {
        var now = clock.GetCurrentInstant().ToDateTimeUtc();
        await using var batch = database.CreateBatch();
        batch.BatchCommands.Add(Command($"""
            SELECT {SummaryColumns}
              FROM incidents
             WHERE {Open} AND {where}
             ORDER BY next_deadline NULLS LAST, priority, reported_at
             LIMIT {MaxListed}
            """, now, key));
        batch.BatchCommands.Add(Command($"""
            SELECT status, count(*), count(*) FILTER (WHERE next_deadline < $2)
              FROM incidents
             WHERE {Open} AND {where}
             GROUP BY status
            """, now, key));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var incidents = new List<IncidentSummary>();
        while (await reader.ReadAsync(ct)) incidents.Add(ReadSummary(reader));
        await reader.NextResultAsync(ct);
        var counts = new Dictionary<IncidentStatus, int>();
        var overdue = 0;
        while (await reader.ReadAsync(ct))
        {
            counts[ReadModelNames.Parse<IncidentStatus>(reader.GetString(0))] = (int)reader.GetInt64(1);
            overdue += (int)reader.GetInt64(2);
        }
        return new IncidentList { Owner = owner, Incidents = incidents, CountsByStatus = counts, Overdue = overdue };
    }

    /// <summary>Columns <see cref="ReadSummary"/> expects, in order; $2 must be the query's "now".</summary>
    public const string SummaryColumns = """
        incident_id, last_seq, tracking_code, status, category, priority, commune, agency, reported_at, updated_at,
        description, address, triage_reason, escalation_level,
        ack_due, resolve_due,
        COALESCE(next_deadline < $2, false) AS overdue, report_count
        """;

    public static IncidentSummary ReadSummary(DbDataReader r)
    {
        var description = r.GetString(10);
        return new IncidentSummary
        {
            IncidentId = r.GetString(0),
            Seq = r.GetInt64(1),
            TrackingCode = r.GetString(2),
            Status = ReadModelNames.Parse<IncidentStatus>(r.GetString(3)),
            Category = r.GetString(4),
            Priority = Enum.Parse<Priority>(r.GetString(5)),
            Commune = r.IsDBNull(6) ? null : r.GetString(6),
            Agency = r.IsDBNull(7) ? null : r.GetString(7),
            ReportedAt = Instant.FromDateTimeUtc(r.GetDateTime(8)),
            UpdatedAt = Instant.FromDateTimeUtc(r.GetDateTime(9)),
            Summary = description.Length <= 140 ? description : string.Concat(description.AsSpan(0, 139), "…"),
            Address = r.IsDBNull(11) ? null : r.GetString(11),
            TriageReason = r.IsDBNull(12) ? null : r.GetString(12),
            EscalationLevel = r.GetInt32(13),
            AckDeadline = r.IsDBNull(14) ? null : Instant.FromDateTimeUtc(r.GetDateTime(14)),
            ResolveDeadline = r.IsDBNull(15) ? null : Instant.FromDateTimeUtc(r.GetDateTime(15)),
            Overdue = r.GetBoolean(16),
            ReportCount = r.GetInt32(17),
        };
    }

    private static NpgsqlBatchCommand Command(string sql, DateTime now, string? key)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue(key ?? "");
        command.Parameters.AddWithValue(now);
        return command;
    }
}
