using BacGiang.Incidents.Reference;
using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>
/// A duty pattern as the roster file writes it: empty (none), <c>office</c>, <c>always</c> or
/// <c>off-hours:Mon Wed Fri Sun</c>. Only the spelling lives here; whether a pattern makes sense is <see cref="RosterRules"/>'.
/// </summary>
public static class DutyText
{
    private const string OffHoursPrefix = "off-hours:";

    public static bool TryParse(string? text, out DutyPattern duty)
    {
        duty = DutyPattern.None;
        var trimmed = text?.Trim() ?? "";
        switch (trimmed)
        {
            case "": return true;
            case "office": duty = new DutyPattern { Kind = DutyKind.OfficeHours }; return true;
            case "always": duty = new DutyPattern { Kind = DutyKind.Always }; return true;
        }
        if (!trimmed.StartsWith(OffHoursPrefix, StringComparison.Ordinal)) return false;
        var days = new List<IsoDayOfWeek>();
        foreach (var name in trimmed[OffHoursPrefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (!DayNames.TryParse(name, out var day)) return false;
            days.Add(day);
        }
        duty = new DutyPattern { Kind = DutyKind.OffHours, Days = days };
        return true;
    }

    public static string Format(DutyPattern duty) => duty.Kind switch
    {
        DutyKind.OfficeHours => "office",
        DutyKind.Always => "always",
        DutyKind.OffHours => OffHoursPrefix + string.Join(' ', duty.Days.Select(DayNames.Format)),
        _ => "",
    };
}
