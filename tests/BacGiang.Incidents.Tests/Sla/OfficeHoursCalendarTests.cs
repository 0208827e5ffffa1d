using FsCheck;
using FsCheck.Xunit;
using BacGiang.Incidents.Sla;
using NodaTime;
using static BacGiang.Incidents.Tests.Sla.Calendars;

namespace BacGiang.Incidents.Tests.Sla;

public class OfficeHoursCalendarTests
{
    private static Duration H(double hours) => Duration.FromMinutes((long)(hours * 60));

    public static TheoryData<string, Instant, double, Instant> Deadlines() => new()
    {
        { "inside the morning window", Local(2026, 11, 23, 8), 2, Local(2026, 11, 23, 10) },
        { "across the lunch break", Local(2026, 11, 23, 10, 30), 2, Local(2026, 11, 23, 14, 30) },
        { "ending exactly at lunch stays at 11:30", Local(2026, 11, 23, 7, 30), 4, Local(2026, 11, 23, 11, 30) },
        { "filed during lunch starts at 13:30", Local(2026, 11, 23, 12), 1, Local(2026, 11, 23, 14, 30) },
        { "filed at night starts next morning", Local(2026, 11, 23, 22), 1, Local(2026, 11, 24, 8, 30) },
        { "filed before opening", Local(2026, 11, 24, 6), 0.5, Local(2026, 11, 24, 8) },
        { "Friday afternoon runs into Monday", Local(2026, 11, 27, 16), 2, Local(2026, 11, 30, 8, 30) },
        { "filed on Saturday", Local(2026, 11, 28, 10), 1, Local(2026, 11, 30, 8, 30) },
        { "three full working days", Local(2026, 11, 23, 7, 30), 22.5, Local(2026, 11, 25, 17) },
        { "30/4 and 1/5 are holidays", Local(2026, 4, 29, 16, 30), 1, Local(2026, 5, 4, 8) },
        { "Tết 2026 (16–20 February) is skipped", Local(2026, 2, 13, 16), 2, Local(2026, 2, 23, 8, 30) },
        { "Hùng Kings day 2027 (16 April, 10/3 lunar) is skipped", Local(2027, 4, 15, 16), 2, Local(2027, 4, 19, 8, 30) },
        { "the make-up Saturday 26/4/2025 is a working day", Local(2025, 4, 25, 16), 2, Local(2025, 4, 26, 8, 30) },
        { "the swapped 2/5/2025 is not", Local(2025, 4, 30, 9), 1, Local(2025, 5, 5, 8, 30) },
    };

    [Theory]
    [MemberData(nameof(Deadlines))]
    public void Business_time_is_added_around_nights_weekends_lunch_and_holidays(string why, Instant start, double hours, Instant expected)
    {
        Assert.True(expected == Office.Add(start, H(hours)), $"{why}: expected {expected}, got {Office.Add(start, H(hours))}");
        Assert.Equal(H(hours), Office.Elapsed(start, expected));
    }

    [Fact]
    public void Nothing_to_add_is_the_start_itself_even_at_night() =>
        Assert.Equal(Local(2026, 11, 28, 23), Office.Add(Local(2026, 11, 28, 23), Duration.Zero));

    [Fact]
    public void Elapsed_counts_only_working_time()
    {
        Assert.Equal(H(2.5), Office.Elapsed(Local(2026, 11, 27, 16), Local(2026, 11, 30, 9)));
        Assert.Equal(H(1), Office.Elapsed(Local(2026, 11, 23, 11), Local(2026, 11, 23, 14)));
        Assert.Equal(Duration.Zero, Office.Elapsed(Local(2026, 11, 28, 8), Local(2026, 11, 29, 17)));
        Assert.Equal(Duration.Zero, Office.Elapsed(Local(2026, 11, 24, 9), Local(2026, 11, 23, 9)));
    }

    [Fact]
    public void The_always_open_calendar_is_plain_arithmetic()
    {
        var night = Local(2026, 11, 28, 23);
        Assert.Equal(night + Duration.FromMinutes(15), Always.Add(night, Duration.FromMinutes(15)));
        Assert.Equal(Duration.FromHours(10), Always.Elapsed(night, night + Duration.FromHours(10)));
    }

    [Fact]
    public void Ho_Chi_Minh_time_has_no_daylight_saving_so_every_working_day_has_seven_and_a_half_hours()
    {
        for (var day = new LocalDate(2025, 1, 1); day < new LocalDate(2028, 1, 1); day = day.PlusDays(1))
        {
            var start = day.AtMidnight().InZoneStrictly(BacGiang.Incidents.Reference.ReferenceData.Zone).ToInstant();
            var hours = Office.Elapsed(start, start + Duration.FromDays(1));
            Assert.Equal(Office.IsWorkingDay(day) ? H(7.5) : Duration.Zero, hours);
        }
    }

    public static TheoryData<string, int> ZonesWithTransitions() => new()
    {
        { "America/New_York", 2026 },
        { "Europe/London", 2026 },
        // Samoa skipped 30 December 2011 when it crossed the date line: a 24-hour jump.
        { "Pacific/Apia", 2011 },
    };

    /// <summary>
    /// The calendar reuses the offset of the zone interval it last used; across daylight-saving changes (windows
    /// placed in the hours that are skipped or repeated) every window must still open and close where the zone's own
    /// lenient mapping puts it, whichever order the days are asked in.
    /// </summary>
    [Theory]
    [MemberData(nameof(ZonesWithTransitions))]
    public void Windows_fall_where_the_zone_puts_them_across_offset_changes(string zoneId, int year)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        (LocalTime, LocalTime)[] windows = [(new LocalTime(0, 30), new LocalTime(3, 0)), (new LocalTime(13, 0), new LocalTime(17, 0))];
        var calendar = new OfficeHoursCalendar("dst", zone, Enum.GetValues<IsoDayOfWeek>().Skip(1), windows, [], []);
        // A day the zone skipped whole has no midnight to measure from.
        var days = Enumerable.Range(0, 366).Select(i => new LocalDate(year, 1, 1).PlusDays(i))
            .Where(d => zone.MapLocal(d.At(new LocalTime(12, 0))).Count > 0).ToList();
        var shuffled = days.OrderBy(d => (d.DayOfYear * 7919) % 366).ToList();
        foreach (var day in days.Concat(shuffled))
        {
            var at = (LocalTime t) => (day + t).InZoneLeniently(zone).ToInstant();
            var expected = windows.Select(w => at(w.Item2) - at(w.Item1)).Aggregate(Duration.Zero, (a, b) => a + b);
            var midnight = day.AtMidnight().InZoneLeniently(zone).ToInstant();
            var nextMidnight = day.PlusDays(1).AtMidnight().InZoneLeniently(zone).ToInstant();
            Assert.True(expected == calendar.Elapsed(midnight, nextMidnight), $"{zoneId} {day}: expected {expected}, got {calendar.Elapsed(midnight, nextMidnight)}");
            var minute = Duration.FromMinutes(1);
            Assert.Equal(at(windows[1].Item1) + minute, calendar.Add(midnight, at(windows[0].Item2) - at(windows[0].Item1) + minute));
        }
    }

    // Starts anywhere in 2025–2027 at minute resolution; durations up to ~4 working weeks.
    private static Instant Start(int minutes) => Local(2025, 1, 1, 0) + Duration.FromMinutes(Math.Abs(minutes % (3 * 365 * 24 * 60)));
    private static Duration Span(int minutes) => Duration.FromMinutes(Math.Abs(minutes % (150 * 60)));

    [Property(MaxTest = 300)]
    public bool Adding_then_measuring_gives_back_the_duration(int start, int span) =>
        Office.Elapsed(Start(start), Office.Add(Start(start), Span(span))) == Span(span);

    [Property(MaxTest = 300)]
    public bool Adding_more_never_ends_earlier(int start, int a, int b)
    {
        var (shorter, longer) = Span(a) <= Span(b) ? (Span(a), Span(b)) : (Span(b), Span(a));
        return Office.Add(Start(start), shorter) <= Office.Add(Start(start), longer) && Office.Add(Start(start), shorter) >= Start(start);
    }

    [Property(MaxTest = 300)]
    public bool Adding_in_two_steps_is_adding_the_sum(int start, int a, int b) =>
        Office.Add(Office.Add(Start(start), Span(a)), Span(b)) == Office.Add(Start(start), Span(a) + Span(b));

    [Property(MaxTest = 300)]
    public bool Elapsed_time_adds_up_over_consecutive_spans(int a, int b, int c)
    {
        var points = new[] { Start(a), Start(b), Start(c) }.OrderBy(i => i).ToArray();
        return Office.Elapsed(points[0], points[1]) + Office.Elapsed(points[1], points[2]) == Office.Elapsed(points[0], points[2]);
    }
}
