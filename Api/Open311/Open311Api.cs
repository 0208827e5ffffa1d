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
/// Open311 GeoReport v2 (XML and JSON, and the Service Discovery document): the interop face for third-party apps,
/// on the same intake as the app.
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

    public const string Specification = "http://wiki.open311.org/GeoReport_v2";
    private const string Base = "/open311/v2";

    public static IEndpointRouteBuilder MapOpen311Api(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(Base).WithTags("Open311").AllowAnonymous();
        // Every resource in both formats the spec names by suffix, from the same handler: the route's format decides
        // only how the answer (or the error) is written. JSON operations keep their names, XML ones end in "Xml".
        foreach (var format in new[] { Open311Format.Json, Open311Format.Xml })
        {
            var ext = Extension(format);
            var name = format == Open311Format.Json ? "" : "Xml";
            Declare(api.MapGet($"/services.{ext}", Services).WithName($"Open311Services{name}"), format, typeof(List<Open311Service>))
                .RequireRateLimiting(RateLimits.PublicRead);
            Declare(api.MapGet($"/services/{{code}}.{ext}", Definition).WithName($"Open311ServiceDefinition{name}"), format, typeof(Open311ServiceDefinition), 404)
                .RequireRateLimiting(RateLimits.PublicRead);
            Declare(api.MapPost($"/requests.{ext}", Create).WithName($"Open311CreateRequest{name}"), format, typeof(List<Open311Created>), 400, 403, 404, 413)
                .RequireRateLimiting(RateLimits.Citizen).DisableAntiforgery();
            Declare(api.MapGet($"/requests.{ext}", List).WithName($"Open311Requests{name}"), format, typeof(List<Open311Request>), 400)
                .RequireRateLimiting(RateLimits.PublicRead);
            Declare(api.MapGet($"/requests/{{id}}.{ext}", Get).WithName($"Open311Request{name}"), format, typeof(List<Open311Request>), 404)
                .RequireRateLimiting(RateLimits.PublicRead);
            // Service Discovery: required by the spec beside the endpoint, in both formats.
            Declare(app.MapGet($"/open311/discovery.{ext}", Discovery).WithTags("Open311").AllowAnonymous().WithName($"Open311Discovery{name}"),
                    format, typeof(Open311Discovery))
                .RequireRateLimiting(RateLimits.PublicRead);
        }
        return app;
    }

    private static string Extension(Open311Format format) => format == Open311Format.Json ? "json" : "xml";

    /// <summary>The route's format, and what it answers in the document: the resource, or the spec's error list.</summary>
    private static RouteHandlerBuilder Declare(RouteHandlerBuilder route, Open311Format format, Type ok, params int[] errors)
    {
        var contentType = format == Open311Format.Json ? "application/json" : "text/xml";
        route.WithMetadata(new Open311FormatMetadata(format)).Produces(StatusCodes.Status200OK, ok, contentType);
        foreach (var status in errors) route.Produces(status, typeof(List<Open311Error>), contentType);
        return route;
    }

    private static IResult Discovery(HttpRequest request, IOptions<Open311Options> options)
    {
        var o = options.Value;
        var root = o.PublicBaseUrl is { Length: > 0 } configured ? configured.TrimEnd('/') : $"{request.Scheme}://{request.Host}{request.PathBase}";
        return new Open311Result(new Open311Discovery(o.Changeset, o.Contact, o.KeyService,
        [
            new Open311Endpoint(Specification, root + Base, o.Changeset, o.EndpointType, [Open311Result.XmlType.Split(';')[0], Open311Result.JsonType.Split(';')[0]]),
        ]));
    }

    private static IResult Services(ReferenceData reference) => new Open311Result(reference.Categories.Values.OrderBy(c => c.Code).Select(c =>
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
        return new Open311Result(new Open311ServiceDefinition(code,
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
        var unknownPhotos = await Photos.PhotoReferences.Claim(photos, ReportValidator.SystemPhotoIds(details.Photos), clock.GetCurrentInstant(), request.HttpContext.RequestAborted);
        if (unknownPhotos.Count > 0) return Error(400, string.Join(" ", unknownPhotos.Select(e => $"{Open311Name(e.Key)}: {string.Join("; ", e.Value)}.")));

        var body = Encoding.UTF8.GetBytes(string.Join('&', form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")));
        var result = await intake.File(details, Actor.Citizen("open311"), null, body);
        // The tracking code goes back to the one client that filed it, in the notice meant for the citizen; the id
        // the spec lists and looks requests up by is the public one.
        var publicId = await requests.PublicIdOf(result.Incident!.Id, request.HttpContext.RequestAborted)
            ?? throw new InvalidOperationException($"Incident {result.Incident.Id} was accepted but has no row.");
        return new Open311Result(new[] { new Open311Created(publicId, $"Mã theo dõi / tracking code: {result.Incident.TrackingCode}", Field("account_id")) });
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

        return new Open311Result(await requests.Find(new Open311Query(Items("service_request_id"), Items("service_code"), start, end + Duration.FromTicks(1), open, MaxRequests), ct));
    }

    private static async Task<IResult> Get(string id, Open311Requests requests, CancellationToken ct)
    {
        var found = await requests.Find(new Open311Query([id], [], Instant.MinValue, Instant.MaxValue, null, 1), ct);
        return found.Count == 0 ? Error(404, $"service_request_id '{id}' not found") : new Open311Result(found);
    }

    private static Open311Result Error(int status, string description) => Open311Result.Error(status, description);

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
