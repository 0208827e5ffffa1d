namespace BacGiang.Incidents.People;

/// <summary>Vietnamese mobile numbers, the only kind the SMS gateway can reach.</summary>
public static class PhoneNumber
{
    /// <summary>
    /// Accepts 0xxxxxxxxx, 84xxxxxxxxx and +84xxxxxxxxx with spaces, dots or dashes anywhere, where the nine digits
    /// after the 0 / 84 start with 3, 5, 7, 8 or 9 (the mobile ranges); gives "0" + those nine digits.
    /// </summary>
    public static bool TryNormalise(string? text, out string normalised)
    {
        normalised = "";
        var trimmed = text?.Trim() ?? "";
        var international = trimmed.StartsWith('+');
        var digits = new string(trimmed[(international ? 1 : 0)..].Where(c => c is not (' ' or '.' or '-')).ToArray());
        if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)) return false;

        var national = international ? (digits.StartsWith("84", StringComparison.Ordinal) ? digits[2..] : null)
            : digits.StartsWith('0') ? digits[1..]
            : digits.StartsWith("84", StringComparison.Ordinal) ? digits[2..]
            : null;
        if (national is not { Length: 9 } || national[0] is not ('3' or '5' or '7' or '8' or '9')) return false;
        normalised = "0" + national;
        return true;
    }
}
