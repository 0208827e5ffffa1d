using NodaTime;

namespace BacGiang.Incidents.Sla;

/// <summary>
/// When the clock of an SLA runs. Deadlines are business time added to an instant; durations between instants
/// are the business time that passed. Pure: no clock, no I/O.
/// </summary>
public abstract class BusinessCalendar(string name)
{
    public string Name { get; } = name;

    /// <summary>The instant at which <paramref name="businessTime"/> of working time has passed since <paramref name="start"/>.</summary>
    public abstract Instant Add(Instant start, Duration businessTime);

    /// <summary>Working time between two instants; zero when <paramref name="to"/> is not after <paramref name="from"/>.</summary>
    public abstract Duration Elapsed(Instant from, Instant to);
}

/// <summary>The clock always runs: life-and-safety incidents (P1, P2).</summary>
public sealed class AlwaysOpenCalendar(string name) : BusinessCalendar(name)
{
    public override Instant Add(Instant start, Duration businessTime) =>
        businessTime < Duration.Zero ? throw new ArgumentOutOfRangeException(nameof(businessTime)) : start + businessTime;

    public override Duration Elapsed(Instant from, Instant to) => to > from ? to - from : Duration.Zero;
}
