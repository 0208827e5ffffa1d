using BacGiang.Incidents.Sla;
using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>
/// Who answers for a role at an instant. Office time is the staffed part of a working day of the office-hours
/// calendar (lunch included); everything else is off-hours duty, which belongs to the duty date it began on.
/// </summary>
public sealed class DutyRota(OfficeHoursCalendar calendar)
{
    public bool InOfficeHours(Instant at) => FirstSpanEndingAfter(at).Contains(at);

    public Instant NextOfficeStart(Instant at) => Instant.Max(FirstSpanEndingAfter(at).Start, at);

    public IReadOnlyList<OnDuty> Holders(UnitRoster roster, string role, Instant at, bool onDutyOnly) =>
        Holders(roster, p => p.Role == role, at, onDutyOnly);

    /// <summary>
    /// As <see cref="Holders(UnitRoster, string, Instant, bool)"/> for the people <paramref name="holds"/> picks, e.g. the
    /// director of one department: the choice is of the post, so a substitute is taken whatever their own post is.
    /// </summary>
    public IReadOnlyList<OnDuty> Holders(UnitRoster roster, Func<StaffMember, bool> holds, Instant at, bool onDutyOnly)
    {
        var today = at.InZone(calendar.Zone).Date;
        var result = new List<OnDuty>();
        foreach (var holder in roster.People.Where(holds))
        {
            var (person, standsIn) = WhoServes(roster, holder, today);
            if (person is null || result.Any(r => r.Person.StaffId == person.StaffId)) continue;
            // A substitute takes over the absent person's duty too, so the holder's pattern decides.
            var duty = onDutyOnly ? OnDutyReason(holder.Duty, at) : null;
            if (onDutyOnly && duty is null) continue;
            result.Add(new OnDuty(person, (standsIn, duty) switch
            {
                (null, null) => "holds the role",
                (null, _) => duty,
                (_, null) => standsIn,
                _ => $"{standsIn}, {duty}",
            }));
        }
        return result;
    }

    private static (StaffMember? Person, string? StandsIn) WhoServes(UnitRoster roster, StaffMember holder, LocalDate date)
    {
        var leave = AwayOn(roster, holder.StaffId, date);
        if (leave is null) return (holder, null);
        var substitute = leave.SubstituteId is { } id ? roster.Find(id) : null;
        if (substitute is null || AwayOn(roster, substitute.StaffId, date) is not null) return (null, null);
        return (substitute, $"stands in for {holder.Name} ({leave.DateRange})");
    }

    private static DutyOverride? AwayOn(UnitRoster roster, string staffId, LocalDate date) =>
        roster.Overrides.FirstOrDefault(o => o.StaffId == staffId && o.Covers(date));

    private string? OnDutyReason(DutyPattern duty, Instant at)
    {
        switch (duty.Kind)
        {
            case DutyKind.Always: return "on duty round the clock";
            case DutyKind.OfficeHours: return InOfficeHours(at) ? "on office-hours duty" : null;
            case DutyKind.OffHours when !InOfficeHours(at):
                var day = DutyDate(at).DayOfWeek;
                return duty.Days.Contains(day) ? $"on off-hours duty ({day})" : null;
            default: return null;
        }
    }

    // The small hours before the office opens are the tail of the previous day's night duty.
    private LocalDate DutyDate(Instant at)
    {
        var local = at.InZone(calendar.Zone).LocalDateTime;
        return local.TimeOfDay < calendar.Opens ? local.Date.PlusDays(-1) : local.Date;
    }

    private Interval FirstSpanEndingAfter(Instant at)
    {
        foreach (var span in calendar.OfficeSpansFrom(at)) return span;
        throw new InvalidOperationException($"Calendar {calendar.Name} has no office time after {at}.");
    }
}
