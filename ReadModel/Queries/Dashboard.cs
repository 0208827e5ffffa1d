using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

public sealed record DashboardGroup(string? Key, long Open, long Overdue, long Escalated);

public sealed record DashboardPoint(string IncidentId, string Category, string? Commune, double Lat, double Lon, bool Overdue);

public sealed record DashboardView(Instant AsOf, long Open, long Overdue, long Escalated,
    IReadOnlyList<DashboardGroup> ByCommune, IReadOnlyList<DashboardGroup> ByCategory, IReadOnlyList<DashboardPoint> Points);

/// <summary>The province at a glance: open incidents by commune and category, overdue and escalated, and where they are.</summary>
public sealed class Dashboard(NpgsqlDataSource database, IClock clock)
{
    public const int MaxPoints = 2000;

    public async Task<DashboardView> Get(CancellationToken ct)
    {
        var now = clock.GetCurrentInstant();
        await using var batch = database.CreateBatch();
        foreach (var key in new[] { "commune", "category" })
        {
            var command = new NpgsqlBatchCommand($"""
                SELECT {key}, count(*), count(*) FILTER (WHERE next_deadline < $1), count(*) FILTER (WHERE escalation_level > 0)
                  FROM incidents WHERE status NOT IN ('closed', 'rejected', 'merged')
                 GROUP BY 1 ORDER BY 2 DESC
                """);
            command.Parameters.AddWithValue(now.ToDateTimeUtc());
            batch.BatchCommands.Add(command);
        }
        var points = new NpgsqlBatchCommand($"""
            SELECT incident_id, category, commune, lat, lon, COALESCE(next_deadline < $1, false)
              FROM incidents WHERE status NOT IN ('closed', 'rejected', 'merged') AND lat IS NOT NULL
             ORDER BY reported_at DESC LIMIT {MaxPoints}
            """);
        points.Parameters.AddWithValue(now.ToDateTimeUtc());
        batch.BatchCommands.Add(points);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var groups = new List<DashboardGroup>[2];
        for (var g = 0; g < 2; g++)
        {
            groups[g] = [];
            while (await reader.ReadAsync(ct))
                groups[g].Add(new DashboardGroup(reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
            await reader.NextResultAsync(ct);
        }
        var located = new List<DashboardPoint>();
        while (await reader.ReadAsync(ct))
            located.Add(new DashboardPoint(reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetDouble(3), reader.GetDouble(4), reader.GetBoolean(5)));
        return new DashboardView(now, groups[0].Sum(x => x.Open), groups[0].Sum(x => x.Overdue), groups[0].Sum(x => x.Escalated),
            groups[0], groups[1], located);
    }
}
