using NodaTime;

namespace BacGiang.Incidents.People;

[GenerateSerializer]
public enum DutyKind
{
    /// <summary>Not on a rota: reached as the holder of their role (a chairman, a head, a director).</summary>
    None,
    /// <summary>On duty in office hours of working days (first window's start to last window's end).</summary>
    OfficeHours,
    /// <summary>
    /// On night, weekend and holiday duty for the days in <see cref="DutyPattern.Days"/>: a day's off-hours run from
    /// the end of its office hours (or its start of office hours, on a day off) to the next morning's start.
    /// </summary>
    OffHours,
    /// <summary>Round the clock (a 24/7 dispatch desk).</summary>
    Always,
}

[GenerateSerializer, Immutable, Alias("DutyPattern")]
public sealed record DutyPattern
{
    public static readonly DutyPattern None = new() { Kind = DutyKind.None };

    [Id(0)] public required DutyKind Kind { get; init; }
    [Id(1)] public IReadOnlyList<IsoDayOfWeek> Days { get; init; } = [];
}
