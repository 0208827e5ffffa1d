using System.Text.Json;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

public enum SlaGrouping
{
    Commune,
    Agency,
    Category,
}

public sealed record SlaReportQuery(SlaGrouping GroupBy, Instant From, Instant To, string? Commune, string? Agency);

/// <summary>Median and 90th percentile of a time taken, on the wall clock and in the policy's business time.</summary>
public sealed record TimeTaken(double? MedianWallSeconds, double? P90WallSeconds, double? MedianBusinessSeconds, double? P90BusinessSeconds);

/// <summary>Median and 90th percentile of a time on the wall clock, in seconds.</summary>
public sealed record WallTime(double? MedianSeconds, double? P90Seconds);

/// <summary>Resolutions by their honest outcome.</summary>
public sealed record ResolvedByOutcome(long Fixed, long NotFixed, long NotResponsible);

/// <summary>
/// Citizens' ratings of the group's incidents: how many, the mean of their stars, and how many (and what share)
/// gave 4 or 5 stars.
/// </summary>
public sealed record Satisfaction(long Ratings, double? AverageStars, long Satisfied, double? SatisfiedPercent);

/// <summary>SLA compliance of one commune, agency or category over the incidents reported in the period.</summary>
public sealed record SlaReportRow
{
    public string? Key { get; init; }
    public string? Name { get; init; }
    public required long Incidents { get; init; }
    public required long Acknowledged { get; init; }
    /// <summary>Incidents whose acknowledgement is decided: acknowledged, or not and past the deadline. The base of the percentage.</summary>
    public required long AckDecided { get; init; }
    public required long AcknowledgedWithinSla { get; init; }
    public double? AcknowledgedWithinSlaPercent { get; init; }
    /// <summary>Incidents resolved (whatever the outcome) and not reopened since.</summary>
    public required long Resolved { get; init; }
    public required ResolvedByOutcome ResolvedByOutcome { get; init; }
    /// <summary>
    /// The base of <see cref="ResolvedWithinSlaPercent"/>: resolved fixed or not_fixed, or unresolved past the
    /// deadline. A not_responsible resolution (referred to another body) is left out: the case was not this
    /// agency's to fix, so it counts neither as a success nor as a failure.
    /// </summary>
    public required long ResolveDecided { get; init; }
    /// <summary>Resolved as fixed at or before the deadline: the only on-time success (a not_fixed is never one).</summary>
    public required long ResolvedWithinSla { get; init; }
    public double? ResolvedWithinSlaPercent { get; init; }
    public required TimeTaken TimeToAcknowledge { get; init; }
    public required TimeTaken TimeToResolve { get; init; }
    public required long Escalations { get; init; }
    public required IReadOnlyDictionary<string, long> EscalationsByLevel { get; init; }
    public double? MeanEscalationLatenessMs { get; init; }
    public long? MaxEscalationLatenessMs { get; init; }
    /// <summary>From a step firing to its first notification sent, on any channel.</summary>
    public required WallTime TimeToNotify { get; init; }
    /// <summary>From a level's first firing to someone it reached acknowledging it; levels never acknowledged are left out.</summary>
    public required WallTime TimeToAcknowledgeEscalation { get; init; }
    public required long EscalationLevelsAcknowledged { get; init; }
    public required Satisfaction Satisfaction { get; init; }
    /// <summary>Incidents a crew reached (field dispatch); the base of <see cref="TimeToArrive"/>.</summary>
    public required long CrewsArrived { get; init; }
    /// <summary>From the report to the first crew arriving at the place, on the wall clock (a fire burns at night too).</summary>
    public required WallTime TimeToArrive { get; init; }
}

public sealed record SlaReportResult(SlaGrouping GroupBy, Instant From, Instant To, Instant AsOf, IReadOnlyList<SlaReportRow> Rows);

/// <summary>
/// SLA compliance computed in one SQL statement over the read model (DESIGN.md §7). The population is the
/// incidents reported in [from, to) that were not rejected or merged; each is measured on the latest run of its
/// clocks (a dispatch restarts acknowledgement, a reopening restarts resolution). "Within SLA" is met at or before
/// the deadline; an incident still inside its deadline, or with its clock paused (waiting for the citizen), is not
/// yet counted either way. Only a resolution with outcome fixed is an on-time success; not_fixed counts in the base
/// as a miss; not_responsible is out of the base (referred elsewhere). Escalations and ratings are those of the same incidents.
/// </summary>
public sealed class SlaReport(NpgsqlDataSource database, IClock clock)
{
    public async Task<SlaReportResult> Run(SlaReportQuery query, Func<SlaGrouping, string, string?> name, CancellationToken ct)
    {
        var key = query.GroupBy switch
        {
            SlaGrouping.Commune => "commune",
            SlaGrouping.Agency => "agency",
            _ => "category",
        };
        var now = clock.GetCurrentInstant();
        await using var command = database.CreateCommand($"""
            WITH scope AS (
                SELECT * FROM incidents
                 WHERE reported_at >= $1 AND reported_at < $2 AND status NOT IN ('rejected', 'merged')
                   AND ($4::text IS NULL OR commune = $4) AND ($5::text IS NULL OR agency = $5)
            ), grouped AS (
                SELECT {key} AS key,
                       count(*) AS incidents,
                       count(acknowledged_at) AS acknowledged,
                       count(*) FILTER (WHERE acknowledged_at IS NOT NULL OR ack_due <= $3) AS ack_decided,
                       count(*) FILTER (WHERE acknowledged_at <= ack_deadline) AS ack_within,
                       count(resolved_at) AS resolved,
                       count(*) FILTER (WHERE (resolved_at IS NOT NULL AND outcome IS DISTINCT FROM 'not_responsible')
                                           OR (resolved_at IS NULL AND resolve_due <= $3)) AS resolve_decided,
                       count(*) FILTER (WHERE resolved_at <= resolve_deadline AND outcome = 'fixed') AS resolve_within,
                       count(*) FILTER (WHERE resolved_at IS NOT NULL AND outcome = 'fixed') AS fixed,
                       count(*) FILTER (WHERE resolved_at IS NOT NULL AND outcome = 'not_fixed') AS not_fixed,
                       count(*) FILTER (WHERE resolved_at IS NOT NULL AND outcome = 'not_responsible') AS not_responsible,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - ack_started_at)) AS ack_wall_p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM acknowledged_at - ack_started_at)) AS ack_wall_p90,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY ack_business_ms / 1000.0) AS ack_business_p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY ack_business_ms / 1000.0) AS ack_business_p90,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - resolve_started_at)) AS resolve_wall_p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - resolve_started_at)) AS resolve_wall_p90,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY resolve_business_ms / 1000.0) AS resolve_business_p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY resolve_business_ms / 1000.0) AS resolve_business_p90,
                       count(first_arrived_at) AS arrived,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_arrived_at - reported_at)) AS arrive_p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_arrived_at - reported_at)) AS arrive_p90
                  FROM scope
                 GROUP BY 1
            ), by_level AS (
                SELECT s.{key} AS key, e.level, count(*) AS n, sum(e.lateness_ms) AS lateness, max(e.lateness_ms) AS worst
                  FROM escalations e JOIN scope s USING (incident_id)
                 -- A step fires after its incident was reported: this bound lets the index skip older months.
                 WHERE e.fired_at >= $1
                 GROUP BY 1, 2
            ), steps AS (
                SELECT s.{key} AS key, e.fired_at, e.repeat, e.level_acknowledged_at,
                       (SELECT min(n.sent_at) FROM notifications n
                         WHERE n.incident_id = e.incident_id AND n.kind = e.kind AND n.round = e.round AND n.level = e.level AND n.repeat = e.repeat) AS first_sent
                  FROM escalations e JOIN scope s USING (incident_id)
                 WHERE e.fired_at >= $1
            ), notified AS (
                SELECT key,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - fired_at)) AS notify_p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM first_sent - fired_at)) AS notify_p90,
                       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM level_acknowledged_at - fired_at)) FILTER (WHERE repeat = 0) AS esc_ack_p50,
                       percentile_cont(0.9) WITHIN GROUP (ORDER BY extract(epoch FROM level_acknowledged_at - fired_at)) FILTER (WHERE repeat = 0) AS esc_ack_p90,
                       count(*) FILTER (WHERE repeat = 0 AND level_acknowledged_at IS NOT NULL) AS esc_acked
                  FROM steps
                 GROUP BY key
            ), rated AS (
                SELECT s.{key} AS key, count(*) AS ratings, avg(r.stars)::float8 AS mean_stars, count(*) FILTER (WHERE r.stars >= 4) AS satisfied
                  FROM incident_ratings r JOIN scope s USING (incident_id)
                 GROUP BY 1
            ), escalated AS (
                SELECT key, jsonb_object_agg(level::text, n) AS levels, sum(n)::bigint AS total,
                       sum(lateness)::float8 / sum(n) AS mean_lateness, max(worst) AS max_lateness
                  FROM by_level
                 GROUP BY key
            )
            SELECT g.key, g.incidents, g.acknowledged, g.ack_decided, g.ack_within, g.resolved, g.resolve_decided, g.resolve_within,
                   g.ack_wall_p50, g.ack_wall_p90, g.ack_business_p50, g.ack_business_p90,
                   g.resolve_wall_p50, g.resolve_wall_p90, g.resolve_business_p50, g.resolve_business_p90,
                   coalesce(e.total, 0), coalesce(e.levels, jsonb_build_object()), e.mean_lateness, e.max_lateness,
                   n.notify_p50, n.notify_p90, n.esc_ack_p50, n.esc_ack_p90, coalesce(n.esc_acked, 0),
                   g.fixed, g.not_fixed, g.not_responsible, coalesce(t.ratings, 0), t.mean_stars, coalesce(t.satisfied, 0),
                   g.arrived, g.arrive_p50, g.arrive_p90
              FROM grouped g LEFT JOIN escalated e ON e.key IS NOT DISTINCT FROM g.key
                   LEFT JOIN notified n ON n.key IS NOT DISTINCT FROM g.key
                   LEFT JOIN rated t ON t.key IS NOT DISTINCT FROM g.key
             ORDER BY g.key NULLS LAST
            """);
        var p = command.Parameters;
        p.AddWithValue(query.From.ToDateTimeUtc());
        p.AddWithValue(query.To.ToDateTimeUtc());
        p.AddWithValue(now.ToDateTimeUtc());
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)query.Commune ?? DBNull.Value });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)query.Agency ?? DBNull.Value });

        var rows = new List<SlaReportRow>();
        await using var r = await command.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            double? D(int i) => r.IsDBNull(i) ? null : Math.Round(r.GetDouble(i), 3);
            var groupKey = r.IsDBNull(0) ? null : r.GetString(0);
            long ackDecided = r.GetInt64(3), ackWithin = r.GetInt64(4), resolveDecided = r.GetInt64(6), resolveWithin = r.GetInt64(7);
            rows.Add(new SlaReportRow
            {
                Key = groupKey,
                Name = groupKey is null ? null : name(query.GroupBy, groupKey),
                Incidents = r.GetInt64(1),
                Acknowledged = r.GetInt64(2),
                AckDecided = ackDecided,
                AcknowledgedWithinSla = ackWithin,
                AcknowledgedWithinSlaPercent = Percent(ackWithin, ackDecided),
                Resolved = r.GetInt64(5),
                ResolveDecided = resolveDecided,
                ResolvedWithinSla = resolveWithin,
                ResolvedWithinSlaPercent = Percent(resolveWithin, resolveDecided),
                TimeToAcknowledge = new TimeTaken(D(8), D(9), D(10), D(11)),
                TimeToResolve = new TimeTaken(D(12), D(13), D(14), D(15)),
                Escalations = r.GetInt64(16),
                EscalationsByLevel = JsonSerializer.Deserialize<Dictionary<string, long>>(r.GetString(17))!,
                MeanEscalationLatenessMs = D(18),
                MaxEscalationLatenessMs = r.IsDBNull(19) ? null : r.GetInt64(19),
                TimeToNotify = new WallTime(D(20), D(21)),
                TimeToAcknowledgeEscalation = new WallTime(D(22), D(23)),
                EscalationLevelsAcknowledged = r.GetInt64(24),
                ResolvedByOutcome = new ResolvedByOutcome(r.GetInt64(25), r.GetInt64(26), r.GetInt64(27)),
                Satisfaction = new Satisfaction(r.GetInt64(28), r.IsDBNull(29) ? null : Math.Round(r.GetDouble(29), 2), r.GetInt64(30), Percent(r.GetInt64(30), r.GetInt64(28))),
                CrewsArrived = r.GetInt64(31),
                TimeToArrive = new WallTime(D(32), D(33)),
            });
        }
        return new SlaReportResult(query.GroupBy, query.From, query.To, now, rows);
    }

    private static double? Percent(long part, long whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 1);
}
