using NodaTime;

namespace BacGiang.Incidents.Serialization;

/// <summary>
/// A duration as 64-bit nanoseconds where it fits (±292 years, so every value stored before this type existed reads
/// back as it was), and as whole days plus the nanoseconds left over where it does not: NodaTime's instants reach
/// 9999-12-31, and one that far off, sent in a request, must reach the grain that refuses it rather than throw on the way.
/// </summary>
internal static class WideNanoseconds
{
    private static readonly Duration Narrowest = Duration.FromNanoseconds(long.MinValue);
    private static readonly Duration Widest = Duration.FromNanoseconds(long.MaxValue);

    public static (long Nanoseconds, int Days) Split(Duration value) =>
        value >= Narrowest && value <= Widest ? (value.ToInt64Nanoseconds(), 0) : (value.NanosecondOfDay, value.Days);

    public static Duration Join(long nanoseconds, int days) => Duration.FromDays(days) + Duration.FromNanoseconds(nanoseconds);
}
