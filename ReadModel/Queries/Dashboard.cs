using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

public sealed record DashboardGroup(string? Key, long Open, long Overdue, long Escalated);

public sealed record DashboardPoint(string IncidentId, string Category, string? Commune, double Lat, double Lon, bool Overdue);

/// <summary>Citizens' ratings given in the dashboard's window for one commune, agency or category.</summary>
public sealed record DashboardSatisfaction(string? Key, long Ratings, double? AverageStars, long Satisfied, double? SatisfiedPercent);

/// <summary>Ratings (1–5 stars) given since <see cref="SatisfactionSince"/>, grouped three ways.</summary>
public sealed record DashboardSatisfactionView(Instant SatisfactionSince,
    IReadOnlyList<DashboardSatisfaction> ByCommune, IReadOnlyList<DashboardSatisfaction> ByAgency, IReadOnlyList<DashboardSatisfaction> ByCategory);

public sealed record DashboardView(Instant AsOf, long Open, long Overdue, long Escalated,
    IReadOnlyList<DashboardGroup> ByCommune, IReadOnlyList<DashboardGroup> ByCategory, IReadOnlyList<DashboardPoint> Points,
    DashboardSatisfactionView Satisfaction);

/// <summary>The province at a glance: open incidents by commune and category, overdue and escalated, and where they are.</summary>
public sealed class Dashboard(NpgsqlDataSource database, IClock clock)
{
    public const int MaxPoints = 2000;

    /// <summary>The satisfaction panel looks at ratings given in the last 30 days.</summary>
    public static readonly Duration SatisfactionWindow = Duration.FromDays(30);

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
        var since = now - SatisfactionWindow;
        foreach (var key in new[] { "commune", "agency", "category" })
        {
            var rated = new NpgsqlBatchCommand($"""
                SELECT i.{key}, count(*), avg(r.stars)::float8, count(*) FILTER (WHERE r.stars >= 4)
                  FROM incident_ratings r JOIN incidents i USING (incident_id)
                 WHERE r.rated_at >= $1
                 GROUP BY 1 ORDER BY 1 NULLS LAST
                """);
            rated.Parameters.AddWithValue(since.ToDateTimeUtc());
            batch.BatchCommands.Add(rated);
        }

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
        var satisfaction = new List<DashboardSatisfaction>[3];
        for (var g = 0; g < 3; g++)
        {
            await reader.NextResultAsync(ct);
            satisfaction[g] = [];
            while (await reader.ReadAsync(ct))
            {
                long ratings = reader.GetInt64(1), satisfied = reader.GetInt64(3);
                satisfaction[g].Add(new DashboardSatisfaction(reader.IsDBNull(0) ? null : reader.GetString(0), ratings,
                    Math.Round(reader.GetDouble(2), 2), satisfied, ratings == 0 ? null : Math.Round(100.0 * satisfied / ratings, 1)));
            }
        }
        return new DashboardView(now, groups[0].Sum(x => x.Open), groups[0].Sum(x => x.Overdue), groups[0].Sum(x => x.Escalated),
            groups[0], groups[1], located, new DashboardSatisfactionView(since, satisfaction[0], satisfaction[1], satisfaction[2]));
    }
}
