using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using NodaTime.Testing;

namespace BacGiang.Incidents.Tests.Sla;

/// <summary>Holiday data must reach a year ahead, or office-hours deadlines would count Tết as working days, silently.</summary>
public sealed class HolidayCoverageTests
{
    private static readonly ReferenceData Shipped = ReferenceDataLoader.Load(Repo.DataDirectory);

    [Fact]
    public void The_shipped_data_runs_to_the_end_of_its_last_year_and_an_added_year_extends_it()
    {
        Assert.Equal(new LocalDate(2027, 12, 31), Shipped.Sla.Holidays.CoveredThrough);

        using var copy = new DataCopy();
        File.AppendAllText(Path.Combine(copy.Directory, "holidays.csv"), "2028-01-03,holiday,Tết Dương lịch (nghỉ bù),New Year (compensated),test\n");
        Assert.Equal(new LocalDate(2028, 12, 31), ReferenceDataLoader.Load(copy.Directory).Sla.Holidays.CoveredThrough);
    }

    [Theory]
    [InlineData(2026, 12, 31, false)]
    [InlineData(2027, 1, 1, true)]
    [InlineData(2025, 3, 1, false)]
    public void Less_than_twelve_months_ahead_is_short(int year, int month, int day, bool isShort) =>
        Assert.Equal(isShort, new HolidayCoverage(new LocalDate(2027, 12, 31)).IsShort(new LocalDate(year, month, day)));

    [Fact]
    public void No_holidays_at_all_is_short() =>
        Assert.True(HolidayCoverage.Of([]).IsShort(new LocalDate(2026, 1, 1)));

    [Fact]
    public async Task The_readiness_check_is_degraded_from_the_day_the_data_is_less_than_a_year_ahead_in_vietnam()
    {
        // 1 January 2027 starts at 17:00 UTC on 31 December in Vietnam (UTC+7).
        var clock = new FakeClock(Instant.FromUtc(2026, 12, 31, 16, 59));
        var check = new HolidayCoverageCheck(Shipped, clock);

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        clock.AdvanceMinutes(1);
        var degraded = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Degraded, degraded.Status);
        Assert.Equal("2027-12-31", degraded.Data["coveredThrough"]);
        Assert.Equal("2028-01-01", degraded.Data["neededThrough"]);
        Assert.Contains("holidays.csv", degraded.Description);
    }
}
