using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// The instants a query may name: nothing this system holds is from before 2000 or after 2100, and times far outside
/// that overflow on the way to PostgreSQL (year 1 as a .NET DateTime, year 9999 plus a day), which was a 500.
/// </summary>
public static class PlausibleTime
{
    public static readonly Instant Earliest = Instant.FromUtc(2000, 1, 1, 0, 0);
    public static readonly Instant Latest = Instant.FromUtc(2100, 1, 1, 0, 0);

    public const string Rule = "must be from 2000 to 2099";

    public static bool Contains(Instant at) => at >= Earliest && at < Latest;

    /// <summary>An ISO 8601 instant in UTC ("2026-12-02T08:15:00Z") inside the range; null when it is not one or is outside.</summary>
    public static Instant? ParseInstant(string text) =>
        InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed && Contains(parsed.Value) ? parsed.Value : null;

    public static bool Contains(LocalDate date) => date.Year is >= 2000 and < 2100;

    /// <summary>Checked on the local date first: 9999-12-31T23:59:59-14:00 is past the last instant NodaTime can hold, and converting it throws.</summary>
    public static bool Contains(OffsetDateTime at) => Contains(at.Date) && Contains(at.ToInstant());
}
