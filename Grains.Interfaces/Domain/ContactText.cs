using System.Text.RegularExpressions;

namespace BacGiang.Incidents.Domain;

/// <summary>
/// Phone numbers, e-mail addresses and vehicle plates in free text (a description, a note, a reopen reason): what
/// public records and retention remove from what people wrote (issue 13).
/// </summary>
public static partial class ContactText
{
    public const string Removed = "[…]";

    /// <summary>Phones and e-mail addresses: safe on any string, since no id or code of this system looks like either.</summary>
    public static string? Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text : Phone().Replace(Email().Replace(text, Removed), Removed);

    /// <summary>
    /// Plates as well: only for what people wrote, since the plate pattern also matches tracking codes
    /// (BG-12AB-3456), which ids and references elsewhere must keep whole.
    /// </summary>
    public static string? RedactWithPlates(string? text) => string.IsNullOrEmpty(text) ? text : Redact(Plate().Replace(text, Removed));

    // Vietnamese plates: two digits of the province, a series of one or two letters (maybe with a digit), then four or
    // five digits, written with or without the dash, space and dot: 98A-123.45, 98-A1 123.45, 29A12345, 99 LD 01234.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])\d{2}\s?-?\s?[A-Za-z]{1,2}\d?\s?[-.]?\s?\d{3}[.\s]?\d{1,2}(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Plate();

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Vietnamese numbers as people type them: 0, 84 or +84, then nine or ten digits with spaces, dots, dashes or
    // parentheses between: mobiles (0912 345 678, +84 912.345.678) and landlines (0204 3854 123).
    [GeneratedRegex(@"(?<![\p{L}\p{N}+])(?:\+84|84|0)[\s.\-()]{0,2}(?:\d[\s.\-()]{0,2}){8,9}\d(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
