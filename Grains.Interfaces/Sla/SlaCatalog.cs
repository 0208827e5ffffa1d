using System.Collections.Concurrent;
using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Sla;

/// <summary>The SLA policies, ladders and calendars from data/, validated as a whole.</summary>
public sealed class SlaCatalog(
    string version,
    IReadOnlyDictionary<string, BusinessCalendar> calendars,
    IReadOnlyDictionary<(string Category, Priority Priority), SlaPolicy> policies,
    HolidayCoverage holidays)
{
    public const string AnyCategory = "*";

    public string Version { get; } = version;
    public IReadOnlyDictionary<string, BusinessCalendar> Calendars { get; } = calendars;
    public HolidayCoverage Holidays { get; } = holidays;

    // The default policy named for each category that uses it, made once: every open incident holds its policy, and
    // a copy per incident was one more object each. Bounded by the categories reports may name (the intake checks them).
    private readonly ConcurrentDictionary<(string Category, Priority Priority), SlaPolicy> defaulted = new();

    /// <summary>The category's own policy for the priority, else the default for the priority.</summary>
    public SlaPolicy PolicyFor(string category, Priority priority) =>
        policies.TryGetValue((category, priority), out var policy) ? policy
        : policies.TryGetValue((AnyCategory, priority), out var fallback)
            ? defaulted.GetOrAdd((category, priority), static (key, general) => general with { Category = key.Category }, fallback)
        : throw new InvalidOperationException($"No SLA policy for {category}/{priority} and no default for {priority}.");

    public BusinessCalendar Calendar(string name) =>
        Calendars.TryGetValue(name, out var calendar) ? calendar : throw new InvalidOperationException($"Unknown calendar {name}.");
}
