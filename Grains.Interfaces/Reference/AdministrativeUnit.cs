using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Reference;

public enum UnitLevel { Province, District, Commune }

/// <summary>
/// One row of the national list of administrative units, valid for a span of dates. The same code can
/// name different units in different spans (the 2025 reform reused codes), so (code, validFrom) is the key.
/// </summary>
public sealed record AdministrativeUnit(
    string Code,
    string Name,
    UnitLevel Level,
    string? ParentCode,
    LocalDate? ValidFrom,
    LocalDate? ValidTo,
    string Source)
{
    public bool InForceOn(LocalDate date) =>
        (ValidFrom is null || ValidFrom <= date) && (ValidTo is null || date <= ValidTo);
}

public static class Dates
{
    /// <summary>yyyy-MM-dd, as the data files write dates; NodaTime's default text is long and culture-bound.</summary>
    public static string Iso(this LocalDate date) => LocalDatePattern.Iso.Format(date);
}
