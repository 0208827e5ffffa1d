using BacGiang.Incidents.Domain;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

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
            SELECT {IncidentSummaryRows.Columns}
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
        while (await reader.ReadAsync(ct)) incidents.Add(IncidentSummaryRows.Read(reader));
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

    private static NpgsqlBatchCommand Command(string sql, DateTime now, string? key)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddWithValue(key ?? "");
        command.Parameters.AddWithValue(now);
        return command;
    }
}
