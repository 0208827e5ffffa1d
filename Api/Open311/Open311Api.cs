using System.Security.Cryptography;
using System.Text;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Api.Intake;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Api.Open311;

/// <summary>
/// Open311 GeoReport v2 (JSON format): the interop face for third-party apps, on the same intake as the app.
/// Services are our categories; the commune is the "commune" attribute; requests are incidents, open or closed.
/// Errors use the spec's shape: an array of {code, description} with 400, 403 or 404.
/// </summary>
public static class Open311Api
{
    public const string CommuneAttribute = "commune";
    private const int MaxRequests = 1000;
    private static readonly Duration MaxRange = Duration.FromDays(90);
    // A report is a few fields of text: far below this.
    private const int MaxFormBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/open311/v2").WithTags("Open311").AllowAnonymous();
        api.MapGet("/services.json", Services).WithName("Open311Services").RequireRateLimiting(RateLimits.PublicRead);
        api.MapGet("/services/{code}.json", Definition).WithName("Open311ServiceDefinition").RequireRateLimiting(RateLimits.PublicRead);
        api.MapPost("/requests.json", Create).WithName("Open311CreateRequest").RequireRateLimiting(RateLimits.Citizen).DisableAntiforgery();
        api.MapGet("/requests.json", List).WithName("Open311Requests").RequireRateLimiting(RateLimits.PublicRead);
        api.MapGet("/requests/{id}.json", Get).WithName("Open311Request").RequireRateLimiting(RateLimits.PublicRead);
        return app;
    }

    private static IResult Services(ReferenceData reference) => TypedResults.Ok(reference.Categories.Values.OrderBy(c => c.Code).Select(c =>
        new Open311Service(c.Code, c.NameVi, c.NameEn, Metadata: true, "realtime", $"{c.NameEn}, {c.NameVi}",
            reference.Agencies.TryGetValue(c.DefaultAgency, out var agency) ? agency.NameVi : c.DefaultAgency)).ToList());

    private static IResult Definition(string code, ReferenceData reference, IClock clock)
    {
        if (!reference.Categories.ContainsKey(code)) return Error(404, $"service_code '{code}' not found");
        // Every commune in force: one this deployment does not serve is still a place, and routing sends its
        // reports to provincial triage rather than refusing them.
        var communes = reference.CommunesInForce(ReferenceData.DateOf(clock.GetCurrentInstant()))
            .OrderBy(u => u.Name, StringComparer.Create(new System.Globalization.CultureInfo("vi-VN"), false))
            .Select(u => new Open311AttributeValue(u.Code, u.Name)).ToList();
        return TypedResults.Ok(new Open311ServiceDefinition(code,
        [
            new Open311Attribute(true, CommuneAttribute, "singlevaluelist", false, "Mã xã/phường (danh mục hành chính 2025)", 1,
                "Xã/phường nơi xảy ra sự cố / commune where it happened", communes),
        ]));
    }

    private static async Task<IResult> Create(HttpRequest request, IReportIntake intake, ReportValidator validator, Open311Requests requests, IClock clock,
        IOptions<Open311Options> options, ReadModel.PhotoStore photos)
    {
        // GeoReport v2 posts a plain form; anything else (multipart above all, whose parser throws on a missing or bad
        // boundary) is refused before a byte of it is read, and so is a form too large to be a report.
        if (!string.Equals(request.ContentType?.Split(';')[0].Trim(), "application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
            return Error(400, "the body must be application/x-www-form-urlencoded");
        if (request.ContentLength is > MaxFormBytes) return Error(413, $"the form is larger than {MaxFormBytes / 1024} KiB");
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(new FormOptions { BufferBody = false, ValueCountLimit = 64, ValueLengthLimit = MaxFormBytes, KeyLengthLimit = 100 });
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Error(400, $"the form could not be read: {e.Message}");
        }
        string? Field(string name) => form[name].ToString() is { Length: > 0 } v ? v.Trim() : null; // empty = absent (spec)

        if (Field("api_key") is not { } key || !options.Value.ApiKeys.Any(k => FixedTimeEquals(k, key)))
            return Error(403, "Invalid api_key received -- can't proceed with create_request.");
        if (Field("service_code") is not { } serviceCode) return Error(400, "service_code is required");
        if (!validator.IsCategory(serviceCode)) return Error(404, $"service_code '{serviceCode}' not found");
        double? lat = null, lon = null;
        if (Field("lat") is { } latText || Field("long") is not null)
        {
            if (!double.TryParse(Field("lat"), System.Globalization.CultureInfo.InvariantCulture, out var la)
                || !double.TryParse(Field("long"), System.Globalization.CultureInfo.InvariantCulture, out var lo))
                return Error(400, "lat and long must both be given as decimal degrees (WGS84)");
            (lat, lon) = (la, lo);
        }
        var address = Field("address_string") ?? Field("address_id");
        if (lat is null && address is null) return Error(400, "a location is required: lat and long, address_string or address_id");

        var name = string.Join(' ', new[] { Field("first_name"), Field("last_name") }.Where(n => n is not null));
        var report = new ReportRequest(
            serviceCode,
            Field("description") ?? validator.CategoryName(serviceCode),
            lat, lon,
            Field($"attribute[{CommuneAttribute}]"),
            address,
            Field("media_url") is { } media ? [media] : [],
            new ReporterRequest(name.Length > 0 ? name : null, Field("phone")));
        var (details, errors) = validator.Validate(report, "open311", clock.GetCurrentInstant());
        if (details is null) return Error(400, string.Join(" ", errors.Select(e => $"{Open311Name(e.Key)}: {string.Join("; ", e.Value)}.")));
        var systemPhotos = ReportValidator.SystemPhotoIds(details.Photos).ToList();
        var unknownPhotos = await Photos.PhotoReferences.Unknown(photos, systemPhotos, request.HttpContext.RequestAborted);
        if (unknownPhotos.Count > 0) return Error(400, string.Join(" ", unknownPhotos.Select(e => $"{Open311Name(e.Key)}: {string.Join("; ", e.Value)}.")));
        await photos.MarkReferenced(systemPhotos.Select(p => p.PhotoId).ToList(), clock.GetCurrentInstant(), request.HttpContext.RequestAborted);

        var body = Encoding.UTF8.GetBytes(string.Join('&', form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")));
        var result = await intake.File(details, Actor.Citizen("open311"), null, body);
        // The tracking code goes back to the one client that filed it, in the notice meant for the citizen; the id
        // the spec lists and looks requests up by is the public one.
        var publicId = await requests.PublicIdOf(result.Incident!.Id, request.HttpContext.RequestAborted)
            ?? throw new InvalidOperationException($"Incident {result.Incident.Id} was accepted but has no row.");
        return TypedResults.Ok(new[] { new Open311Created(publicId, $"Mã theo dõi / tracking code: {result.Incident.TrackingCode}", Field("account_id")) });
    }

    private static async Task<IResult> List(HttpRequest request, Open311Requests requests, IClock clock, CancellationToken ct)
    {
        string? Field(string name) => request.Query[name].ToString() is { Length: > 0 } v ? v.Trim() : null;
        IReadOnlyList<string> Items(string name) => Field(name)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];

        var now = clock.GetCurrentInstant();
        Instant? Date(string name, out bool bad)
        {
            bad = false;
            if (Field(name) is not { } text) return null;
            if (OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } parsed && PlausibleTime.Contains(parsed.Value))
                return parsed.Value.ToInstant();
            bad = true;
            return null;
        }
        var end = Date("end_date", out var badEnd) ?? now;
        var start = Date("start_date", out var badStart) ?? end - MaxRange;
        if (badStart || badEnd) return Error(400, $"start_date and end_date must be W3C datetimes with a time zone, e.g. 2026-11-01T00:00:00+07:00, and {PlausibleTime.Rule}");
        if (end - start > MaxRange || end <= start) return Error(400, "the range from start_date to end_date must be positive and at most 90 days");
        var statuses = Items("status");
        if (statuses.Any(s => s is not "open" and not "closed")) return Error(400, "status must be open, closed or both");
        bool? open = statuses.Distinct().Count() == 1 ? statuses[0] == "open" : null;

        return TypedResults.Ok(await requests.Find(new Open311Query(Items("service_request_id"), Items("service_code"), start, end + Duration.FromTicks(1), open, MaxRequests), ct));
    }

    private static async Task<IResult> Get(string id, Open311Requests requests, CancellationToken ct)
    {
        var found = await requests.Find(new Open311Query([id], [], Instant.MinValue, Instant.MaxValue, null, 1), ct);
        return found.Count == 0 ? Error(404, $"service_request_id '{id}' not found") : TypedResults.Ok(found);
    }

    private static IResult Error(int status, string description) =>
        TypedResults.Json(new[] { new Open311Error(status, description) }, statusCode: status);

    private static string Open311Name(string field) => field switch
    {
        "category" => "service_code",
        "lon" => "long",
        "communeCode" => $"attribute[{CommuneAttribute}]",
        "address" => "address_string",
        "photos[0]" => "media_url",
        "reporter.phone" => "phone",
        "reporter.name" => "first_name",
        _ => field,
    };

    private static bool FixedTimeEquals(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));
}
