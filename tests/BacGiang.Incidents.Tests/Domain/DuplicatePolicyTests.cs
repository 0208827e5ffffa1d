using BacGiang.Incidents.Grains;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>Which reports are looked up as possible duplicates, and what is asked, without a database.</summary>
public sealed class DuplicatePolicyTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 2, 0);
    private readonly DuplicatePolicy policy = new(new DuplicateOptions { RadiusMeters = 150, Window = TimeSpan.FromHours(24), Channels = ["app", "zalo"] });

    [Fact]
    public void A_located_citizen_report_asks_for_open_incidents_of_its_category_nearby_from_the_last_window()
    {
        var report = Reports.Garbage() with { Location = new(21.27, 106.19) };
        Assert.Equal(new DuplicateQuery("garbage_dumping", new(21.27, 106.19), Now - Duration.FromHours(24), 150), policy.QueryFor(report, Now));
    }

    [Theory]
    [InlineData("ioc", true)]
    [InlineData("open311", true)]
    [InlineData("app", false)]
    public void Unlocated_reports_and_channels_not_configured_are_never_duplicates(string channel, bool located)
    {
        var report = Reports.Garbage() with { Channel = channel, Location = located ? new(21.27, 106.19) : null };
        Assert.Null(policy.QueryFor(report, Now));
    }
}
