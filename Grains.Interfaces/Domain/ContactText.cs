using System.Text.RegularExpressions;

namespace BacGiang.Incidents.Domain;

/// <summary>
/// Phone numbers and e-mail addresses in free text (a description, a note, a reopen reason): what public records and
/// retention remove from what people wrote (issue 13).
/// </summary>
public static partial class ContactText
{
    public const string Removed = "[…]";

    public static string? Redact(string? text) =>
        string.IsNullOrEmpty(text) ? text : Phone().Replace(Email().Replace(text, Removed), Removed);

    [GeneratedRegex(@"[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Email();

    // Vietnamese numbers as people type them: 0, 84 or +84, then nine or ten digits with spaces, dots, dashes or
    // parentheses between: mobiles (0912 345 678, +84 912.345.678) and landlines (0204 3854 123).
    [GeneratedRegex(@"(?<![\p{L}\p{N}+])(?:\+84|84|0)[\s.\-()]{0,2}(?:\d[\s.\-()]{0,2}){8,9}\d(?![\p{L}\p{N}])", RegexOptions.CultureInvariant)]
    private static partial Regex Phone();
}
