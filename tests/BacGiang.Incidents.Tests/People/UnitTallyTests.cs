using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Grains.People;
using BacGiang.Incidents.People;
using NodaTime;

namespace BacGiang.Incidents.Tests.People;

/// <summary>A unit's live counters: kept per incident by seq, so repeats and late copies change nothing.</summary>
public class UnitTallyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 2, 3, 0);
    private static readonly UnitRef DaiSon = UnitRef.Commune("07627");

    private static IncidentSummary Summary(string id, long seq, IncidentStatus status = IncidentStatus.Assigned, string commune = "07627",
        int level = 0, int unacknowledged = 0, Instant? ackDeadline = null) => new()
    {
        IncidentId = id, Seq = seq, TrackingCode = id, Status = status, Category = "fire", Priority = Priority.P1, Commune = commune,
        Agency = "fire-police", ReportedAt = Now, UpdatedAt = Now, Summary = "Cháy", EscalationLevel = level,
        UnacknowledgedEscalations = unacknowledged, AckDeadline = ackDeadline,
    };

    [Fact]
    public void Counters_count_open_overdue_escalated_and_unacknowledged_escalations()
    {
        var tally = new UnitTally(DaiSon);
        tally.Apply(Summary("A", 1, ackDeadline: Now - Duration.FromMinutes(1), level: 2, unacknowledged: 2));
        tally.Apply(Summary("B", 1, ackDeadline: Now + Duration.FromMinutes(5)));
        tally.Apply(Summary("C", 3, IncidentStatus.Resolved));
        Assert.Equal((2, 1, 1, 2), Counts(tally));
    }

    [Fact]
    public void A_repeated_or_older_summary_changes_nothing()
    {
        var tally = new UnitTally(DaiSon);
        Assert.True(tally.Apply(Summary("A", 2, level: 1, unacknowledged: 1)));
        Assert.False(tally.Apply(Summary("A", 2, level: 1, unacknowledged: 1)));
        Assert.False(tally.Apply(Summary("A", 1)));
        Assert.Equal((1, 0, 1, 1), Counts(tally));

        Assert.True(tally.Apply(Summary("A", 3, IncidentStatus.Closed)));
        // A late copy of an open summary cannot bring a closed incident back.
        Assert.False(tally.Apply(Summary("A", 2, level: 1)));
        Assert.Equal((0, 0, 0, 0), Counts(tally));
    }

    [Fact]
    public void An_incident_dispatched_to_another_commune_leaves_the_tally()
    {
        var tally = new UnitTally(DaiSon);
        tally.Apply(Summary("A", 1));
        tally.Apply(Summary("A", 2, commune: "07615"));
        Assert.Equal(0, tally.Counters(Now).Open);
    }

    private static (int Open, int Overdue, int Escalated, int Unacknowledged) Counts(UnitTally tally)
    {
        var c = tally.Counters(Now);
        return (c.Open, c.Overdue, c.Escalated, c.UnacknowledgedEscalations);
    }
}
