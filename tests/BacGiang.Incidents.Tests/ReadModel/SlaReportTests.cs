using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>
/// The SLA report's SQL against a fixture whose figures were worked out by hand (the comments show the working).
/// Period: November 2026 in Vietnam's zone, i.e. [2026-10-31T17:00Z, 2026-11-30T17:00Z). "Now" is 2026-11-20T00:00Z.
/// </summary>
public sealed class SlaReportTests : IAsyncLifetime
{
    private const string DaiSon = Reports.DaiSon, SonDong = Reports.SonDong;
    // A third commune for the outcomes: a fixture code, after the other two in key order.
    private const string MauSon = "07700";
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 20, 0, 0);
    private static readonly Instant From = Instant.FromUtc(2026, 10, 31, 17, 0);
    private static readonly Instant To = Instant.FromUtc(2026, 11, 30, 17, 0);

    private string connectionString = "";
    private NpgsqlDataSource database = null!;
    private SlaReport report = null!;

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("slareport");
        database = NpgsqlDataSource.Create(connectionString);
        report = new SlaReport(database, new FakeClock(Now));

        var h = Duration.FromHours(1);
        var m = Duration.FromMinutes(1);
        // I1 Đại Sơn: acknowledged after 30 min (deadline 60), resolved after 10 h (deadline 24 h): both in time.
        await Incident("I1", DaiSon, "garbage_dumping", "urenco", At(11, 2, 1), "assigned", 60 * m, 30 * m, 1800, 24 * h, 10 * h, 20000);
        // I2: acknowledged after 90 min (late; 3600 s business), resolved after 30 h (late; 50000 s business).
        await Incident("I2", DaiSon, "garbage_dumping", "urenco", At(11, 3, 1), "resolved", 60 * m, 90 * m, 3600, 24 * h, 30 * h, 50000);
        // I3: never acknowledged nor resolved; both deadlines long past: decided, missed.
        await Incident("I3", DaiSon, "garbage_dumping", "urenco", At(11, 4, 1), "assigned", 60 * m, null, null, 24 * h, null, null);
        // I4: reported an hour before "now", deadlines still ahead: counted as an incident, not yet decided either way.
        await Incident("I4", DaiSon, "garbage_dumping", "urenco", At(11, 19, 23), "assigned", 2 * h, null, null, 24 * h, null, null);
        // I5: rejected: not part of the population at all.
        await Incident("I5", DaiSon, "garbage_dumping", "urenco", At(11, 5, 1), "rejected", 60 * m, null, null, 24 * h, null, null);
        // I6: 16:59Z on 31 October is 23:59 on 31 October in Vietnam: outside the period, and so are its escalations.
        await Incident("I6", DaiSon, "garbage_dumping", "urenco", Instant.FromUtc(2026, 10, 31, 16, 59), "assigned", 60 * m, null, null, 24 * h, null, null);
        // I7: 17:00Z on 31 October is midnight on 1 November: inside. Acknowledged exactly at the deadline (in time);
        // resolve deadline passed unresolved (missed).
        await Incident("I7", DaiSon, "garbage_dumping", "urenco", From, "acknowledged", 60 * m, 60 * m, 3600, 24 * h, null, null);
        // I8 Sơn Động, street light / construction: 10 min to acknowledge, 4 h (7200 s business) to resolve, both in time.
        await Incident("I8", SonDong, "street_light", "construction", At(11, 10, 2), "closed", 2 * h, 10 * m, 600, 8 * h, 4 * h, 7200);

        // Outcomes, in MauSon / water / water_supply: each acknowledged after 10 min (deadline 60), resolve deadline 8 h.
        // W1 fixed after 5 h: the only on-time success. W2 not_fixed after 6 h: in time but not a success (a miss).
        // W3 not_responsible after 7 h, referred to EVN: out of the on-time base. W4 fixed after 12 h: late.
        // W5 unresolved, deadline past: a miss.
        await Incident("W1", MauSon, "water_supply", "water", At(11, 2, 1), "closed", 60 * m, 10 * m, 600, 8 * h, 5 * h, 18000);
        await Incident("W2", MauSon, "water_supply", "water", At(11, 3, 1), "resolved", 60 * m, 10 * m, 600, 8 * h, 6 * h, 21600, "not_fixed");
        await Incident("W3", MauSon, "water_supply", "water", At(11, 4, 1), "resolved", 60 * m, 10 * m, 600, 8 * h, 7 * h, 25200, "not_responsible", "EVN Bắc Giang");
        await Incident("W4", MauSon, "water_supply", "water", At(11, 5, 1), "resolved", 60 * m, 10 * m, 600, 8 * h, 12 * h, 43200);
        await Incident("W5", MauSon, "water_supply", "water", At(11, 6, 1), "acknowledged", 60 * m, 10 * m, 600, 8 * h, null, null);

        // Ratings. Đại Sơn: I1 5 (web), I2 2 (zalo); I5 (rejected) and I6 (outside the period) do not count.
        // Sơn Động: I8 4. MauSon: W1 5 (web) and 4 (zalo), W2 1, W3 4, W4 3.
        await Rating("I1", 10, "web", 5);
        await Rating("I2", 10, "zalo", 2);
        await Rating("I5", 10, "web", 1);
        await Rating("I6", 10, "web", 1);
        await Rating("I8", 10, "web", 4);
        await Rating("W1", 10, "web", 5);
        await Rating("W1", 11, "zalo", 4);
        await Rating("W2", 10, "web", 1);
        await Rating("W3", 10, "zalo", 4);
        await Rating("W4", 10, "web", 3);

        await Escalation("I2", "ack", 1, 0, 120);
        await Escalation("I2", "ack", 2, 0, 80);
        await Escalation("I2", "resolve", 1, 0, 1000);
        await Escalation("I3", "ack", 1, 0, 200);
        await Escalation("I3", "ack", 1, 1, 400);
        await Escalation("I6", "ack", 1, 0, 9999);

        // Fired → first notification sent, per step (seconds): I2 ack 1: 2 (and 4 on another channel), ack 2: 1,
        // resolve 1: 3; I3 ack 1: 10, its repeat: 6. I6's is outside the period.
        await Notification("I2", "ack", 1, 0, "console", 2);
        await Notification("I2", "ack", 1, 0, "sms", 4);
        await Notification("I2", "ack", 2, 0, "sms", 1);
        await Notification("I2", "resolve", 1, 0, "sms", 3);
        await Notification("I3", "ack", 1, 0, "sms", 10);
        await Notification("I3", "ack", 1, 1, "sms", 6);
        await Notification("I6", "ack", 1, 0, "sms", 500);
        // Levels acknowledged by someone they reached, after their first firing: I2 ack 1 after 300 s, ack 2 after 60 s.
        await AcknowledgeLevel("I2", "ack", 1, 300);
        await AcknowledgeLevel("I2", "ack", 2, 60);
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }

    private static Instant At(int month, int day, int hour) => Instant.FromUtc(2026, month, day, hour, 0);

    /// <summary>A resolved incident's outcome is fixed unless said otherwise.</summary>
    private async Task Incident(string id, string commune, string category, string agency, Instant reported, string status,
        Duration ackTarget, Duration? ackTook, long? ackBusinessSeconds, Duration resolveTarget, Duration? resolveTook, long? resolveBusinessSeconds,
        string? outcome = null, string? referredTo = null)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO incidents (incident_id, last_seq, tracking_code, status, category, priority, commune, agency, channel, description,
                                   reported_at, updated_at, ack_started_at, ack_deadline, acknowledged_at, ack_business_ms,
                                   resolve_started_at, resolve_deadline, resolved_at, resolve_business_ms, ack_due, resolve_due, outcome, referred_to)
            VALUES ($1, 2, $1, $2, $3, 'P3', $4, $5, 'app', 'fixture', $6, $6, $6, $7, $8, $9, $6, $10, $11, $12,
                    -- A clock still running keeps its deadline as "due"; a met or stopped one has none.
                    CASE WHEN $8::timestamptz IS NULL AND $2 <> 'rejected' THEN $7 END,
                    CASE WHEN $11::timestamptz IS NULL AND $2 <> 'rejected' THEN $10 END, $13, $14)
            """);
        var p = command.Parameters;
        p.AddWithValue(id);
        p.AddWithValue(status);
        p.AddWithValue(category);
        p.AddWithValue(commune);
        p.AddWithValue(agency);
        p.AddWithValue(reported.ToDateTimeUtc());
        p.AddWithValue((reported + ackTarget).ToDateTimeUtc());
        p.AddWithValue(ackTook is { } a ? (reported + a).ToDateTimeUtc() : DBNull.Value);
        p.AddWithValue(ackBusinessSeconds is { } ab ? ab * 1000 : DBNull.Value);
        p.AddWithValue((reported + resolveTarget).ToDateTimeUtc());
        p.AddWithValue(resolveTook is { } r ? (reported + r).ToDateTimeUtc() : DBNull.Value);
        p.AddWithValue(resolveBusinessSeconds is { } rb ? rb * 1000 : DBNull.Value);
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)(outcome ?? (resolveTook is null ? null : "fixed")) ?? DBNull.Value });
        p.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text, Value = (object?)referredTo ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>A rating given a day after the incident was reported.</summary>
    private async Task Rating(string id, long seq, string channel, int stars)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO incident_ratings (incident_id, seq, channel, stars, comment, rated_at)
            SELECT incident_id, $2, $3, $4, 'fixture', reported_at + interval '1 day' FROM incidents WHERE incident_id = $1
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(seq);
        command.Parameters.AddWithValue(channel);
        command.Parameters.AddWithValue((short)stars);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task Escalation(string id, string kind, int level, int repeat, long latenessMs)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO escalations (incident_id, kind, round, level, repeat, seq, category, priority, commune, agency,
                                     sla_deadline, due_at, fired_at, lateness_ms, targets)
            SELECT incident_id, $2, 1, $3, $4, 10 + $3 * 2 + $4, category, priority, commune, agency,
                   ack_deadline, ack_deadline, ack_deadline + make_interval(secs => $5 / 1000.0), $5, ARRAY['commune-officer']
              FROM incidents WHERE incident_id = $1
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(level);
        command.Parameters.AddWithValue(repeat);
        command.Parameters.AddWithValue(latenessMs);
        await command.ExecuteNonQueryAsync();
    }

    private async Task Notification(string id, string kind, int level, int repeat, string channel, int sentAfterSeconds)
    {
        await using var command = database.CreateCommand("""
            INSERT INTO notifications (notification_id, escalation_id, incident_id, kind, round, level, repeat, priority, category, commune, agency,
                                       staff_id, staff_name, unit, target, reason, channel, body, fired_at, not_before, state, next_attempt_at,
                                       sent_at, queued_at)
            SELECT incident_id || ':' || kind || ':1:' || level || ':' || repeat || ':officer:' || $5, incident_id || ':' || kind || ':1:' || level || ':' || repeat,
                   incident_id, kind, 1, level, repeat, priority, category, commune, agency, 'officer', 'Cán bộ', 'commune:' || commune,
                   'commune-officer', 'on office-hours duty', $5, 'fixture', fired_at, fired_at, 'sent', fired_at,
                   fired_at + make_interval(secs => $6), fired_at
              FROM escalations WHERE incident_id = $1 AND kind = $2 AND level = $3 AND repeat = $4
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(level);
        command.Parameters.AddWithValue(repeat);
        command.Parameters.AddWithValue(channel);
        command.Parameters.AddWithValue((double)sentAfterSeconds);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private async Task AcknowledgeLevel(string id, string kind, int level, int afterSeconds)
    {
        await using var command = database.CreateCommand("""
            UPDATE escalations SET level_acknowledged_at = fired_at + make_interval(secs => $4), level_acknowledged_by = 'officer'
             WHERE incident_id = $1 AND kind = $2 AND level = $3 AND repeat = 0
            """);
        command.Parameters.AddWithValue(id);
        command.Parameters.AddWithValue(kind);
        command.Parameters.AddWithValue(level);
        command.Parameters.AddWithValue((double)afterSeconds);
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    private Task<SlaReportResult> Run(SlaGrouping groupBy, string? commune = null) =>
        report.Run(new SlaReportQuery(groupBy, From, To, commune, null), (_, key) => "name of " + key, default);

    [Fact]
    public async Task Figures_by_commune_match_the_hand_computed_fixture()
    {
        var result = await Run(SlaGrouping.Commune);

        Assert.Equal([SonDong, DaiSon, MauSon], result.Rows.Select(r => r.Key));
        var a = result.Rows[1];
        // I1, I2, I3, I4, I7 (I5 rejected, I6 outside the period).
        Assert.Equal(5, a.Incidents);
        // Acknowledged: I1, I2, I7. Decided: those and I3 (missed); I4 still has time. In time: I1, I7 → 2 of 4.
        Assert.Equal((3L, 4L, 2L, 50.0), (a.Acknowledged, a.AckDecided, a.AcknowledgedWithinSla, a.AcknowledgedWithinSlaPercent));
        // Resolved: I1, I2, both fixed. Decided: those, I3 and I7 (both past deadline). In time: I1 → 1 of 4.
        Assert.Equal((2L, 4L, 1L, 25.0), (a.Resolved, a.ResolveDecided, a.ResolvedWithinSla, a.ResolvedWithinSlaPercent));
        Assert.Equal(new ResolvedByOutcome(2, 0, 0), a.ResolvedByOutcome);
        // Ratings of I1 (5) and I2 (2): mean 3.5, one of two 4–5 stars.
        Assert.Equal(new Satisfaction(2, 3.5, 1, 50.0), a.Satisfaction);
        // Wall seconds to acknowledge 1800, 3600, 5400: median 3600; p90 = 3600 + 0.8 × (5400 − 3600) = 5040.
        // Business seconds 1800, 3600, 3600: median 3600, p90 3600.
        Assert.Equal(new TimeTaken(3600, 5040, 3600, 3600), a.TimeToAcknowledge);
        // Wall seconds to resolve 36000, 108000: median 72000; p90 = 36000 + 0.9 × 72000 = 100800.
        // Business 20000, 50000: median 35000; p90 = 20000 + 0.9 × 30000 = 47000.
        Assert.Equal(new TimeTaken(72000, 100800, 35000, 47000), a.TimeToResolve);
        // Escalations of I2 (3) and I3 (2); I6's are outside. Level 1: 4, level 2: 1.
        // Lateness (120 + 80 + 1000 + 200 + 400) / 5 = 360 ms mean, 1000 ms max.
        Assert.Equal(5, a.Escalations);
        Assert.Equal(new Dictionary<string, long> { ["1"] = 4, ["2"] = 1 }, a.EscalationsByLevel);
        Assert.Equal((360.0, 1000L), (a.MeanEscalationLatenessMs, a.MaxEscalationLatenessMs));
        Assert.Equal("name of " + DaiSon, a.Name);
        // Fired → first sent per step: 1, 2, 3, 6, 10 s: median 3; p90 = 6 + 0.6 × (10 − 6) = 8.4.
        Assert.Equal(new WallTime(3, 8.4), a.TimeToNotify);
        // Levels acknowledged after their first firing: 60 and 300 s: median 180; p90 = 60 + 0.9 × 240 = 276.
        Assert.Equal((new WallTime(180, 276), 2L), (a.TimeToAcknowledgeEscalation, a.EscalationLevelsAcknowledged));

        var b = result.Rows[0];
        Assert.Equal((1L, 1L, 100.0, 100.0), (b.Incidents, b.AcknowledgedWithinSla, b.AcknowledgedWithinSlaPercent, b.ResolvedWithinSlaPercent));
        Assert.Equal(new TimeTaken(600, 600, 600, 600), b.TimeToAcknowledge);
        Assert.Equal(new TimeTaken(14400, 14400, 7200, 7200), b.TimeToResolve);
        Assert.Equal((0L, 0), (b.Escalations, b.EscalationsByLevel.Count));
        Assert.Null(b.MeanEscalationLatenessMs);
        Assert.Equal((new WallTime(null, null), 0L), (b.TimeToNotify, b.EscalationLevelsAcknowledged));
        Assert.Equal(new ResolvedByOutcome(1, 0, 0), b.ResolvedByOutcome);
        Assert.Equal(new Satisfaction(1, 4, 1, 100.0), b.Satisfaction);
    }

    [Fact]
    public async Task Outcomes_and_satisfaction_match_the_hand_computed_fixture()
    {
        var c = (await Run(SlaGrouping.Commune)).Rows[2];
        Assert.Equal((MauSon, 5L), (c.Key, c.Incidents));
        // All five acknowledged after 10 min of 60: 5 of 5.
        Assert.Equal((5L, 5L, 5L, 100.0), (c.Acknowledged, c.AckDecided, c.AcknowledgedWithinSla, c.AcknowledgedWithinSlaPercent));
        // Resolved: W1–W4; fixed W1, W4; not_fixed W2; not_responsible W3.
        Assert.Equal((4L, new ResolvedByOutcome(2, 1, 1)), (c.Resolved, c.ResolvedByOutcome));
        // On-time base: W1, W2, W4 (resolved, not referred) and W5 (past deadline) = 4; W3 is out (referred to EVN).
        // On-time successes: W1 only (W2 was in time but not fixed, W4 fixed late) → 1 of 4 = 25 %.
        Assert.Equal((4L, 1L, 25.0), (c.ResolveDecided, c.ResolvedWithinSla, c.ResolvedWithinSlaPercent));
        // Time to resolve covers every resolution, whatever its outcome: 18000, 21600, 25200, 43200 s.
        // Median (21600 + 25200) / 2 = 23400; p90 = 25200 + 0.7 × (43200 − 25200) = 37800; business the same.
        Assert.Equal(new TimeTaken(23400, 37800, 23400, 37800), c.TimeToResolve);
        // Ratings 5, 4 (W1 on two channels), 1, 4, 3: 5 ratings, mean 17 / 5 = 3.4, three of 4–5 stars = 60 %.
        Assert.Equal(new Satisfaction(5, 3.4, 3, 60.0), c.Satisfaction);

        var byAgency = (await Run(SlaGrouping.Agency)).Rows.Single(r => r.Key == "water");
        Assert.Equal((new ResolvedByOutcome(2, 1, 1), 25.0, new Satisfaction(5, 3.4, 3, 60.0)),
            (byAgency.ResolvedByOutcome, byAgency.ResolvedWithinSlaPercent, byAgency.Satisfaction));
        var byCategory = (await Run(SlaGrouping.Category)).Rows.Single(r => r.Key == "garbage_dumping");
        Assert.Equal((new ResolvedByOutcome(2, 0, 0), new Satisfaction(2, 3.5, 1, 50.0)), (byCategory.ResolvedByOutcome, byCategory.Satisfaction));
    }

    [Fact]
    public async Task The_csv_carries_the_outcomes_and_the_satisfaction()
    {
        var writer = new StringWriter { NewLine = "\r\n" };
        await SlaCsv.Write(writer, await Run(SlaGrouping.Commune));
        var lines = writer.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(4, lines.Length);
        Assert.Contains("Khắc phục xong đúng hạn (%)", lines[0]);
        // Key, name, incidents, ack (4 figures), resolved, fixed, not fixed, referred, decided, on time, %.
        Assert.StartsWith($"{MauSon},name of {MauSon},5,5,5,5,100,4,2,1,1,4,1,25,", lines[3]);
        // Then the ratings; no crew reached these incidents (no arrivals, no times).
        Assert.EndsWith(",5,3.4,3,60,0,,", lines[3]);
    }

    [Fact]
    public async Task Time_to_arrive_is_from_the_report_to_the_first_crew_on_scene_by_agency_and_by_category()
    {
        // Crews reached I1 after 20 min and I2 after 40 (urenco, garbage_dumping), I8 after 90 (construction,
        // street_light), W1 after 30 (water, water_supply); I5 is rejected and I6 outside the period: neither counts.
        foreach (var (id, minutes) in new[] { ("I1", 20), ("I2", 40), ("I8", 90), ("W1", 30), ("I5", 5), ("I6", 5) })
        {
            await using var command = database.CreateCommand("UPDATE incidents SET first_arrived_at = reported_at + make_interval(mins => $2) WHERE incident_id = $1");
            command.Parameters.AddWithValue(id);
            command.Parameters.AddWithValue(minutes);
            Assert.Equal(1, await command.ExecuteNonQueryAsync());
        }

        var byAgency = (await report.Run(new SlaReportQuery(SlaGrouping.Agency, From, To, null, null), (_, _) => null, default)).Rows.ToDictionary(r => r.Key!);
        // urenco: 1200 s and 2400 s: median 1800, p90 1200 + 0.9 × 1200 = 2280. Its I3, I4 and I7 had no crew.
        Assert.Equal((2L, new WallTime(1800, 2280)), (byAgency["urenco"].CrewsArrived, byAgency["urenco"].TimeToArrive));
        Assert.Equal((1L, new WallTime(5400, 5400)), (byAgency["construction"].CrewsArrived, byAgency["construction"].TimeToArrive));
        Assert.Equal((1L, new WallTime(1800, 1800)), (byAgency["water"].CrewsArrived, byAgency["water"].TimeToArrive));

        var byCategory = (await report.Run(new SlaReportQuery(SlaGrouping.Category, From, To, null, null), (_, _) => null, default)).Rows.ToDictionary(r => r.Key!);
        Assert.Equal(new WallTime(1800, 2280), byCategory["garbage_dumping"].TimeToArrive);
        Assert.Equal(new WallTime(5400, 5400), byCategory["street_light"].TimeToArrive);

        using var csv = new StringWriter();
        await SlaCsv.Write(csv, await report.Run(new SlaReportQuery(SlaGrouping.Agency, From, To, null, null), (_, _) => null, default));
        var lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.EndsWith("Tổ đến hiện trường,Thời gian đến trung vị (giây),Thời gian đến p90 (giây)", lines[0].TrimEnd('\r'));
        Assert.EndsWith(",2,1800,2280", lines.Single(l => l.StartsWith("urenco,", StringComparison.Ordinal)).TrimEnd('\r'));
    }

    [Fact]
    public async Task Grouping_by_agency_or_category_regroups_the_same_figures()
    {
        var byAgency = await Run(SlaGrouping.Agency);
        Assert.Equal(["construction", "urenco", "water"], byAgency.Rows.Select(r => r.Key));
        Assert.Equal((5L, 50.0, 5L), (byAgency.Rows[1].Incidents, byAgency.Rows[1].AcknowledgedWithinSlaPercent, byAgency.Rows[1].Escalations));

        var byCategory = await Run(SlaGrouping.Category);
        Assert.Equal(["garbage_dumping", "street_light", "water_supply"], byCategory.Rows.Select(r => r.Key));
        Assert.Equal(new TimeTaken(72000, 100800, 35000, 47000), byCategory.Rows[0].TimeToResolve);
    }

    [Fact]
    public async Task A_commune_scope_leaves_only_that_communes_figures()
    {
        var result = await Run(SlaGrouping.Category, commune: SonDong);
        var row = Assert.Single(result.Rows);
        Assert.Equal(("street_light", 1L), (row.Key, row.Incidents));
    }
}
