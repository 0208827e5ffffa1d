using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Api.Open311;

/// <summary>
/// What a public listing may show of an incident (issue 13, Decree 13/2023): the place rounded to about 100 m, and
/// the citizen's words without the phone numbers, e-mail addresses (<see cref="ContactText"/>) and vehicle plates
/// people put in them.
/// </summary>
public static class PublicRecord
{
    /// <summary>Three decimals: 111 m of latitude, 104 m of longitude at the province's 21° N.</summary>
    public const int CoordinateDecimals = 3;

    public static double? Coarse(double? degrees) => degrees is { } d ? Math.Round(d, CoordinateDecimals, MidpointRounding.AwayFromZero) : null;

    public static string? Redact(string? text) => ContactText.RedactWithPlates(text);
}
