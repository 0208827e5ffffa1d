using NodaTime;
using NodaTime.TimeZones;

namespace BacGiang.Incidents.Sla;

/// <summary>
/// Working windows on working days in one time zone, e.g. Mon–Fri 07:30–11:30 and 13:30–17:00 in
/// Asia/Ho_Chi_Minh, minus public holidays, plus the make-up Saturdays the government sometimes swaps in.
/// </summary>
public sealed class OfficeHoursCalendar : BusinessCalendar
{
    // Ten years without a single working minute means the data is wrong, not that the deadline is far away.
    private const int MaxDaysSearched = 3660;

    // Further from a transition than any zone's offset has ever jumped (Samoa skipped a whole day in 2011), a local
    // time has exactly one instant under the interval's offset: the one a lenient mapping would pick.
    private static readonly Duration TransitionMargin = Duration.FromDays(2);

    private readonly DateTimeZone zone;
    private readonly IReadOnlySet<IsoDayOfWeek> workingWeekdays;
    private readonly (LocalTime Start, LocalTime End)[] windows;
    private readonly IReadOnlySet<LocalDate> holidays;
    private readonly IReadOnlySet<LocalDate> extraWorkdays;

    public OfficeHoursCalendar(
        string name,
        DateTimeZone zone,
        IEnumerable<IsoDayOfWeek> workingWeekdays,
        IEnumerable<(LocalTime Start, LocalTime End)> windows,
        IEnumerable<LocalDate> holidays,
        IEnumerable<LocalDate> extraWorkdays) : base(name)
    {
        this.zone = zone;
        this.workingWeekdays = workingWeekdays.ToHashSet();
        this.windows = windows.OrderBy(w => w.Start).ToArray();
        this.holidays = holidays.ToHashSet();
        this.extraWorkdays = extraWorkdays.ToHashSet();
        if (this.windows.Length == 0) throw new ArgumentException("At least one working window is needed.", nameof(windows));
        for (var i = 0; i < this.windows.Length; i++)
        {
            if (this.windows[i].End <= this.windows[i].Start) throw new ArgumentException($"Window {i + 1} ends before it starts.", nameof(windows));
            if (i > 0 && this.windows[i].Start < this.windows[i - 1].End) throw new ArgumentException("Working windows overlap.", nameof(windows));
        }
    }

    public DateTimeZone Zone => zone;

    /// <summary>When the first window of a day opens: before it, the night still belongs to the day before.</summary>
    public LocalTime Opens => windows[0].Start;

    public bool IsWorkingDay(LocalDate date) =>
        !holidays.Contains(date) && (workingWeekdays.Contains(date.DayOfWeek) || extraWorkdays.Contains(date));

    public override Instant Add(Instant start, Duration businessTime)
    {
        if (businessTime < Duration.Zero) throw new ArgumentOutOfRangeException(nameof(businessTime));
        if (businessTime == Duration.Zero) return start;
        var remaining = businessTime;
        foreach (var (open, close) in WindowsFrom(start))
        {
            var from = Instant.Max(open, start);
            var available = close - from;
            if (remaining <= available) return from + remaining;
            remaining -= available;
        }
        throw new InvalidOperationException($"Calendar {Name} has no working time within {MaxDaysSearched} days of {start}.");
    }

    public override Duration Elapsed(Instant from, Instant to)
    {
        if (to <= from) return Duration.Zero;
        var total = Duration.Zero;
        foreach (var (open, close) in WindowsFrom(from))
        {
            if (open >= to) break;
            total += Instant.Min(close, to) - Instant.Max(open, from);
        }
        return total;
    }

    /// <summary>
    /// The staffed spans of working days (first window's opening to last window's closing: the office is manned over
    /// lunch, though the SLA clock stops) that end after <paramref name="start"/>, in order.
    /// </summary>
    public IEnumerable<Interval> OfficeSpansFrom(Instant start)
    {
        foreach (var day in WorkingDaysFrom(start))
        {
            var span = new Interval(At(day, windows[0].Start), At(day, windows[^1].End));
            if (span.End > start) yield return span;
        }
    }

    /// <summary>The working windows that end after <paramref name="start"/>, in order, as instants.</summary>
    private IEnumerable<(Instant Open, Instant Close)> WindowsFrom(Instant start)
    {
        foreach (var day in WorkingDaysFrom(start))
        {
            foreach (var (s, e) in windows)
            {
                var close = At(day, e);
                if (close <= start) continue;
                yield return (At(day, s), close);
            }
        }
    }

    private IEnumerable<LocalDate> WorkingDaysFrom(Instant start)
    {
        var day = start.InZone(zone).Date;
        for (var i = 0; i < MaxDaysSearched; i++, day = day.PlusDays(1))
            if (IsWorkingDay(day)) yield return day;
    }

    // A deadline walks dozens of windows, and the zone's own mapping allocates for each (a fifth of the silo's
    // allocations at intake, by trace). Asia/Ho_Chi_Minh has not changed offset since 1975, so the zone interval last
    // used answers nearly every time; near a transition the zone's lenient mapping decides, as before. One calendar
    // serves every grain of the silo: threads racing on the field only change which (immutable) interval is kept.
    private ZoneInterval? lastInterval;

    private Instant At(LocalDate day, LocalTime time)
    {
        var local = day + time;
        if (lastInterval is { } interval)
        {
            var instant = local.WithOffset(interval.WallOffset).ToInstant();
            if (WellInside(interval, instant)) return instant;
        }
        var mapped = local.InZoneLeniently(zone);
        lastInterval = mapped.GetZoneInterval();
        return mapped.ToInstant();
    }

    private static bool WellInside(ZoneInterval interval, Instant instant) =>
        (!interval.HasStart || instant - interval.Start >= TransitionMargin) &&
        (!interval.HasEnd || interval.End - instant >= TransitionMargin);
}
