using System.Globalization;
using System.Text;

namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// Free-text search folds case and Vietnamese diacritics on both sides, so "chay rung" finds "Cháy rừng" and
/// "duong" finds "Đường": people type without tone marks on phones and in a hurry.
/// </summary>
public static class SearchText
{
    public static string Of(params string?[] parts) => Fold(string.Join(' ', parts.Where(p => !string.IsNullOrWhiteSpace(p))));

    public static string Fold(string text)
    {
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var folded = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            folded.Append(c switch { 'đ' or 'Đ' => 'd', _ => char.ToLowerInvariant(c) });
        }
        return folded.ToString().Normalize(NormalizationForm.FormC);
    }
}
