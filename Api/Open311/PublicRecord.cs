using System.Text.RegularExpressions;
using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Api.Open311;

/// <summary>
/// What a public listing may show of an incident (issue 13, Decree 13/2023): the place rounded to about 100 m, and
/// the citizen's words without the phone numbers, e-mail addresses (<see cref="ContactText"/>) and vehicle plates
/// people put in them.
/// </summary>
public static partial class PublicRecord
{
    /// <summary>Three decimals: 111 m of latitude, 104 m of longitude at the province's 21° N.</summary>
    public const int CoordinateDecimals = 3;

    public static double? Coarse(double? degrees) => degrees is { } d ? Math.Round(d, CoordinateDecimals, MidpointRounding.AwayFromZero) : null;

    public static string? Redact(string? text) => string.IsNullOrEmpty(text) ? text : ContactText.Redact(Plate().Replace(text, ContactText.Removed));

    // Vietnamese plates: two digits of the province, a series of one or two letters (maybe with a digit), then four or
    // five digits, written with or without the dash, space and dot: 98A-123.45, 98-A1 123.45, 29A12345, 99 LD 01234.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d{2}\s?-?\s?[A-Za-z]{1,2}\d?\s?[-.]?\s?\d{3}[.\s]?\d{1,2}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Plate();
}
