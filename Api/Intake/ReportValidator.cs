using System.Text.RegularExpressions;
using BacGiang.Incidents.Api.Photos;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using NodaTime;

namespace BacGiang.Incidents.Api.Intake;

/// <summary>Checks a report and turns it into <see cref="ReportDetails"/>, or says field by field what is wrong.</summary>
public sealed partial class ReportValidator(ReferenceData reference)
{
    public const int MaxDescription = 4000;
    public const int MaxPhotos = 10;

    public bool IsCategory(string code) => reference.Categories.ContainsKey(code);

    public string CategoryName(string code) => reference.Categories[code].NameVi;

    public (ReportDetails? Report, Dictionary<string, string[]> Errors) Validate(ReportRequest r, string channel, Instant now)
    {
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];

        if (string.IsNullOrWhiteSpace(r.Category)) Error("category", "is required");
        else if (!reference.Categories.ContainsKey(r.Category))
            Error("category", $"'{r.Category}' is not a category; use one of {string.Join(", ", reference.Categories.Keys)}");

        var description = r.Description?.Trim();
        if (string.IsNullOrEmpty(description)) Error("description", "is required");
        else if (description.Length > MaxDescription) Error("description", $"is longer than {MaxDescription} characters");
        else if (description.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            Error("description", "contains control characters");

        GeoPoint? location = null;
        if (r.Lat is null != r.Lon is null) Error(r.Lat is null ? "lat" : "lon", "lat and lon go together: give both or neither");
        else if (r.Lat is { } lat && r.Lon is { } lon)
        {
            if (GeoPoint.TryCreate(lat, lon, out var point, out var why)) location = point;
            else Error(why!.StartsWith("lat", StringComparison.Ordinal) ? "lat" : "lon", why);
        }

        var commune = string.IsNullOrWhiteSpace(r.CommuneCode) ? null : r.CommuneCode.Trim();
        if (commune is not null && CommuneProblem(commune, now) is { } communeError) Error("communeCode", communeError);

        var address = string.IsNullOrWhiteSpace(r.Address) ? null : r.Address.Trim();
        if (address is { Length: > 500 }) Error("address", "is longer than 500 characters");

        var photos = r.Photos ?? [];
        if (photos.Count > MaxPhotos) Error("photos", $"at most {MaxPhotos} photos");
        for (var i = 0; i < photos.Count && i < MaxPhotos; i++)
            if (PhotoUrlProblem(photos[i]) is { } photoError) Error($"photos[{i}]", photoError);

        Reporter? reporter = null;
        if (r.Reporter is { } rep)
        {
            var name = string.IsNullOrWhiteSpace(rep.Name) ? null : rep.Name.Trim();
            if (name is { Length: > 200 }) Error("reporter.name", "is longer than 200 characters");
            var phone = string.IsNullOrWhiteSpace(rep.Phone) ? null : SeparatorPattern().Replace(rep.Phone, "");
            if (phone is not null && !PhonePattern().IsMatch(phone))
                Error("reporter.phone", "must be a Vietnamese phone number, e.g. 0912345678 or +84912345678");
            reporter = name is null && phone is null ? null : new Reporter(name, phone);
        }

        if (errors.Count > 0) return (null, errors);
        return (new ReportDetails
        {
            Category = r.Category!,
            Description = description!,
            Location = location,
            CommuneCode = commune,
            Address = address,
            Photos = photos.ToList(),
            Reporter = reporter,
            Channel = channel,
        }, errors);
    }

    /// <summary>
    /// A photo is one uploaded here, referred to exactly as "/api/photos/{photoId}" (whether it exists is checked by
    /// <see cref="SystemPhotoIds"/>'s caller), or an absolute http(s) URL from a channel that sends those (Zalo, Open311).
    /// </summary>
    public static string? PhotoUrlProblem(string? url) =>
        PhotoIds.TryParseUrl(url, out _) ? null
        : PhotoIds.LooksLikeUrl(url) ? $"is not the url of a photo uploaded here ({PhotoIds.UrlPrefix}{{photoId}})"
        : url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || url.Length > 2000
            ? $"must be a photo uploaded here ({PhotoIds.UrlPrefix}{{photoId}}) or an absolute http(s) URL of at most 2000 characters"
            : null;

    /// <summary>The system photos among <paramref name="photos"/>, by their field name (photos[i]) and id.</summary>
    public static IEnumerable<(string Field, string PhotoId)> SystemPhotoIds(IReadOnlyList<string> photos, string field = "photos") =>
        photos.Select((url, i) => PhotoIds.TryParseUrl(url, out var id) ? ($"{field}[{i}]", id) : default).Where(p => p.Item2 is not null)!;

    private string? CommuneProblem(string code, Instant now)
    {
        var today = ReferenceData.DateOf(now);
        var unit = reference.UnitInForce(code, today);
        if (unit is { Level: UnitLevel.Commune }) return null;
        if (unit is not null) return $"{code} is a {unit.Level.ToString().ToLowerInvariant()} ({unit.Name}), not a commune";
        var former = reference.History(code).LastOrDefault();
        return former is null
            ? $"{code} is not a commune code of the province"
            : $"{code} ({former.Name}) was abolished after {former.ValidTo?.Iso()}; use the code of the commune in force today";
    }

    [GeneratedRegex(@"^(\+84|0)[1-9][0-9]{8,9}$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"[\s.\-()]")]
    private static partial Regex SeparatorPattern();
}
