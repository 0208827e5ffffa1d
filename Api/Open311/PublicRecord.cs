using System.Text.RegularExpressions;

namespace BacGiang.Incidents.Api.Open311;

/// <summary>
/// What a public listing may show of an incident (issue 13, Decree 13/2023): the place rounded to about 100 m, and
/// the citizen's words without the phone numbers, e-mail addresses and vehicle plates people put in them.
/// </summary>
public static partial class PublicRecord
{
    public const string Removed = "[…]";

    /// <summary>Three decimals: 111 m of latitude, 104 m of longitude at the province's 21° N.</summary>
    public const int CoordinateDecimals = 3;

    public static double? Coarse(double? degrees) => degrees is { } d ? Math.Round(d, CoordinateDecimals, MidpointRounding.AwayFromZero) : null;

    public static string? Redact(string? text)
    {
        if (string.IsNullOrEmpty(text)) return text;
        var redacted = Email().Replace(text, Removed);
        redacted = Plate().Replace(redacted, Removed);
        return Phone().Replace(redacted, Removed);
    }

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Vietnamese plates: two digits of the province, a series of one or two letters (maybe with a digit), then four or
    // five digits, written with or without the dash, space and dot: 98A-123.45, 98-A1 123.45, 29A12345, 99 LD 01234.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d{2}\s?-?\s?[A-Za-z]{1,2}\d?\s?[-.]?\s?\d{3}[.\s]?\d{1,2}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Plate();

    // Vietnamese numbers as people type them: 0, 84 or +84, then nine or ten digits with spaces, dots, dashes or
    // parentheses between: mobiles (0912 345 678, +84 912.345.678) and landlines (0204 3854 123).
    [GeneratedRegex(@"(?<![\p{L}\p{N}+])(?:\+84|84|0)[\s.\-()]{0,2}(?:\d[\s.\-()]{0,2}){8,9}\d(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
