using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Sla;

public sealed class SlaCatalogLoaderTests : IDisposable
{
    private readonly DataCopy copy = new();

    private string dir => copy.Directory;

    public void Dispose() => copy.Dispose();

    [Fact]
    public void Every_category_and_priority_has_a_policy_and_category_rows_override_the_default()
    {
        var catalog = Calendars.Catalog;
        foreach (var category in ReferenceDataLoader.Load(Repo.DataDirectory).Categories.Keys)
            foreach (var priority in Enum.GetValues<Priority>())
                Assert.Equal(category, catalog.PolicyFor(category, priority).Category);
        Assert.Equal(Duration.FromMinutes(5), catalog.PolicyFor("fire", Priority.P1).Acknowledge);
        Assert.Equal(Duration.FromMinutes(15), catalog.PolicyFor("crowd_disorder", Priority.P1).Acknowledge);
        Assert.Equal("office-hours", catalog.PolicyFor("street_light", Priority.P4).Calendar);
        Assert.StartsWith("sla-", catalog.PolicyFor("fire", Priority.P1).Version);
    }

    [Theory]
    [InlineData("sla-policies.csv", "fire,P2,24x7,PT1H,PT24H,urgent-ack,no-such-ladder,false", "unknown ladder 'no-such-ladder'")]
    [InlineData("sla-policies.csv", "fire,P2,24x7,1 hour,PT24H,urgent-ack,urgent-resolve,false", "not an ISO-8601 duration")]
    [InlineData("sla-policies.csv", "fire,P2,moon-time,PT1H,PT24H,urgent-ack,urgent-resolve,false", "unknown calendar 'moon-time'")]
    [InlineData("sla-policies.csv", "fire,P1,24x7,PT1H,PT24H,urgent-ack,urgent-resolve,false", "already defined")]
    [InlineData("escalation-ladders.csv", "urgent-ack,7,PT2H,provincial-supervisor,0,", "level must be 5")]
    [InlineData("escalation-ladders.csv", "urgent-ack,5,PT2H,the-pope,0,", "unknown target 'the-pope'")]
    [InlineData("escalation-ladders.csv", "urgent-ack,5,PT1M,provincial-supervisor,0,", "level 5 fires before level 4")]
    [InlineData("holidays.csv", "2026-11-28,holiday,Thử,Test,test", "is a Saturday")]
    [InlineData("holidays.csv", "2026-11-30,workday,Thử,Test,test", "already a working day")]
    public void A_bad_row_stops_the_load_naming_file_and_line(string file, string row, string expected)
    {
        var path = Path.Combine(dir, file);
        var line = File.ReadAllLines(path).Length + 1;
        File.AppendAllText(path, row + "\n");
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(dir));
        Assert.StartsWith($"{file} line {line}:", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void A_priority_without_a_default_policy_stops_the_load()
    {
        var path = Path.Combine(dir, "sla-policies.csv");
        File.WriteAllLines(path, File.ReadAllLines(path).Where(l => !l.StartsWith("*,P4", StringComparison.Ordinal)));
        var e = Assert.Throws<ReferenceDataException>(() => ReferenceDataLoader.Load(dir));
        Assert.Contains("no default policy (category *) for P4", e.Message);
    }
}
