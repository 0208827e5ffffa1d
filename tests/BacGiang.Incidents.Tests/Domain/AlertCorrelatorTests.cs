using BacGiang.Incidents.Grains;
using NodaTime;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>One camera's alerts become incidents by these rules, without a cluster (DESIGN.md §5).</summary>
public sealed class AlertCorrelatorTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 2, 0);
    private readonly AlertCorrelator correlator = new(Duration.FromMinutes(10));

    private static CameraAlert Alert(int minute, double confidence = 0.8, string? snapshot = null, string? plate = null) => new()
    {
        AlertType = "illegal_parking", Confidence = confidence, At = T0 + Duration.FromMinutes(minute), SnapshotUrl = snapshot, Plate = plate,
    };

    [Fact]
    public void Alerts_within_the_window_of_the_last_one_join_it_even_a_long_storm()
    {
        var c = AlertCorrelator.Open(Alert(0), "BG-AAAA-AAAA");
        for (var minute = 9; minute <= 90; minute += 9) Assert.True(correlator.TryJoin(c, Alert(minute)));
        Assert.Equal((11, T0, T0 + Duration.FromMinutes(90)), (c.Count, c.FirstSeen, c.LastSeen));
        Assert.False(correlator.TryJoin(c, Alert(101)));
        Assert.Equal(11, c.Count);
    }

    [Fact]
    public void A_late_alert_from_before_the_first_joins_within_the_window_and_moves_its_start()
    {
        var c = AlertCorrelator.Open(Alert(30), "BG-AAAA-AAAA");
        Assert.True(correlator.TryJoin(c, Alert(21)));
        Assert.Equal(T0 + Duration.FromMinutes(21), c.FirstSeen);
        Assert.False(correlator.TryJoin(c, Alert(10)));
        Assert.False(correlator.TryJoin(null, Alert(30)));
    }

    [Fact]
    public void The_best_snapshot_and_distinct_plates_are_kept_up_to_a_limit_and_the_first_alert_is_remembered()
    {
        var c = AlertCorrelator.Open(Alert(0, 0.7, "first.jpg", "98A-000.01"), "BG-AAAA-AAAA");
        correlator.TryJoin(c, Alert(1, 0.95, null));
        correlator.TryJoin(c, Alert(2, 0.9, "better.jpg", "98A-000.01"));
        for (var i = 0; i < 50; i++) correlator.TryJoin(c, Alert(3, 0.5, "worse.jpg", $"98A-{i:000}.45"));
        Assert.Equal((0.9, "better.jpg"), (c.BestConfidence, c.BestSnapshotUrl));
        Assert.Equal(AlertCorrelator.MaxPlates, c.Plates.Count);
        Assert.Equal("98A-000.01", c.Plates[0]);
        Assert.Equal((0.7, "first.jpg", "98A-000.01"), (c.FirstConfidence, c.FirstSnapshotUrl, c.FirstPlate));
    }

    [Fact]
    public void A_correlation_is_over_when_all_its_counts_are_passed_on_and_it_was_quiet_for_a_window()
    {
        var c = AlertCorrelator.Open(Alert(0), "BG-AAAA-AAAA");
        correlator.TryJoin(c, Alert(5));
        var later = T0 + Duration.FromMinutes(30);
        Assert.False(correlator.IsOver(c, later)); // one count not passed on yet
        c.Sent = c.Count;
        Assert.False(correlator.IsOver(c, T0 + Duration.FromMinutes(15)));
        Assert.True(correlator.IsOver(c, T0 + Duration.FromMinutes(15) + Duration.FromSeconds(1)));
    }
}
