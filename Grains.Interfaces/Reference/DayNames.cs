using NodaTime;

namespace BacGiang.Incidents.Reference;

/// <summary>How the data files write weekdays: Mon … Sun, the same in calendars.csv and the rosters' duty column.</summary>
public static class DayNames
{
    private static readonly string[] Names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    public static bool TryParse(string text, out IsoDayOfWeek day)
    {
        var index = Array.IndexOf(Names, text);
        day = index >= 0 ? (IsoDayOfWeek)(index + 1) : IsoDayOfWeek.None;
        return index >= 0;
    }

    public static string Format(IsoDayOfWeek day) => Names[(int)day - 1];
}
