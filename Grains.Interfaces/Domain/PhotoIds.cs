using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace BacGiang.Incidents.Domain;

/// <summary>Photo ids are 128 random bits in lower-case hex: unguessable, and never derived from anything else.</summary>
public static class PhotoIds
{
    public const string UrlPrefix = "/api/photos/";

    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string? id) => id is { Length: 32 } && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    public static string Url(string id) => UrlPrefix + id;

    public static string ThumbnailUrl(string id) => UrlPrefix + id + "/thumbnail";

    /// <summary>The id in a system photo's url, exactly "/api/photos/{photoId}".</summary>
    public static bool TryParseUrl(string? url, [NotNullWhen(true)] out string? id)
    {
        id = url is not null && url.StartsWith(UrlPrefix, StringComparison.Ordinal) && IsValid(url[UrlPrefix.Length..]) ? url[UrlPrefix.Length..] : null;
        return id is not null;
    }

    /// <summary>Whether the text looks meant as a system photo url (starts with the prefix), valid or not.</summary>
    public static bool LooksLikeUrl(string? url) => url is not null && url.StartsWith(UrlPrefix, StringComparison.Ordinal);
}
