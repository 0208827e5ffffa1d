using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Sla;

/// <summary>
/// How far ahead holidays.csv knows the calendar. The office-hours calendar counts every weekday it does not list
/// as a working day, so past the last year listed Tết and the other holidays would count as working days, silently.
/// The government announces each year's civil-service schedule only months before; a year's warning leaves time
/// to add it.
/// </summary>
public sealed record HolidayCoverage(LocalDate? CoveredThrough)
{
    public static readonly Period Ahead = Period.FromMonths(12);

    /// <summary>A year counts as known once it has a holiday row: it runs to the 31 December of the last such year.</summary>
    public static HolidayCoverage Of(IEnumerable<LocalDate> holidays) =>
        new(holidays.Select(d => d.Year).DefaultIfEmpty().Max() is var year and > 0 ? new LocalDate(year, 12, 31) : null);

    public static LocalDate NeededThrough(LocalDate today) => today.Plus(Ahead);

    public bool IsShort(LocalDate today) => CoveredThrough is not { } through || through < NeededThrough(today);

    /// <summary>The start-up warning of the silo and the API, in one wording.</summary>
    public void WarnIfShort(ILogger logger, LocalDate today)
    {
        if (!IsShort(today)) return;
        logger.LogWarning(
            "Holiday data (holidays.csv) covers only until {CoveredThrough}, less than {MonthsAhead} months ahead (needed until {NeededThrough}): " +
            "office-hours SLA deadlines past it count holidays, Tết included, as working days. Add the coming year's civil-service schedule (README, Reference data)",
            CoveredThrough?.ToString("yyyy-MM-dd", null) ?? "nothing", Ahead.Months, NeededThrough(today).ToString("yyyy-MM-dd", null));
    }
}
