using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.ReadModel;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace BacGiang.Incidents.Api.Photos;

/// <summary>What an upload answers: where the photo and its thumbnail are served, and the stored image's size.</summary>
public sealed record PhotoUploaded(string PhotoId, string Url, string ThumbnailUrl, int Width, int Height, int Bytes);

/// <summary>
/// Photos the system keeps itself (issue 14): anyone may upload one (citizens do before filing), staff see them, and a
/// citizen sees those of their own incident through its tracking code.
/// </summary>
public static class PhotosApi
{
    public const string Field = "photo";

    /// <summary>Room for the multipart boundaries, headers and any small fields besides the photo itself.</summary>
    private const int MultipartOverhead = 64 * 1024;

    public static IEndpointRouteBuilder MapPhotosApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/photos", Upload).WithTags("Citizens").WithName("UploadPhoto").AllowAnonymous()
            .RequireRateLimiting(RateLimits.Citizen)
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<PhotoUploaded>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        var staff = app.MapGroup("/api/photos").WithTags("Photos").RequireAuthorization(AuthSetup.StaffPolicy);
        staff.MapGet("/{photoId}", (string photoId, HttpContext http, PhotoStore store, IOptions<PhotoOptions> options) =>
            Serve(photoId, false, http, store, options.Value)).WithName("GetPhoto")
            // A photo may show people and plates; the thumbnails come with an incident read, which is recorded already.
            .RecordsPersonalDataAccess("photo.read");
        staff.MapGet("/{photoId}/thumbnail", (string photoId, HttpContext http, PhotoStore store, IOptions<PhotoOptions> options) =>
            Serve(photoId, true, http, store, options.Value)).WithName("GetPhotoThumbnail");

        var track = app.MapGroup("/api/track/{trackingCode}/photos").WithTags("Citizens").AllowAnonymous().RequireRateLimiting(RateLimits.PublicRead);
        track.MapGet("/{photoId}", (string trackingCode, string photoId, HttpContext http, TrackingMisses misses, IClusterClient cluster, PhotoStore store, IOptions<PhotoOptions> options) =>
            ServeTracked(trackingCode, photoId, false, http, misses, cluster, store, options.Value)).WithName("GetTrackedPhoto");
        track.MapGet("/{photoId}/thumbnail", (string trackingCode, string photoId, HttpContext http, TrackingMisses misses, IClusterClient cluster, PhotoStore store, IOptions<PhotoOptions> options) =>
            ServeTracked(trackingCode, photoId, true, http, misses, cluster, store, options.Value)).WithName("GetTrackedPhotoThumbnail");
        return app;
    }

    private static async Task<IResult> Upload(HttpRequest request, PhotoProcessor processor, PhotoStore store, IOptions<PhotoOptions> options, IClock clock)
    {
        var o = options.Value;
        var limit = (long)o.MaxBytes + MultipartOverhead;
        if (request.ContentLength > limit) return TooLarge(o);
        // Kestrel stops reading a body (chunked, or longer than it said) past this, whatever the multipart reader does.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } bodySize) bodySize.MaxRequestBodySize = limit;

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var contentType)
            || !contentType.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(contentType.Boundary).Value is not { Length: > 0 and <= 200 } boundary)
            return Problem(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type.",
                "the request must be multipart/form-data with the image in a file field named 'photo'");

        byte[]? data;
        try
        {
            data = null;
            var reader = new MultipartReader(boundary, request.Body) { HeadersLengthLimit = 16 * 1024, BodyLengthLimit = limit };
            while (await reader.ReadNextSectionAsync(request.HttpContext.RequestAborted) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !HeaderUtilities.RemoveQuotes(disposition.Name).Equals(Field, StringComparison.Ordinal))
                {
                    await section.Body.CopyToAsync(Stream.Null, request.HttpContext.RequestAborted);
                    continue;
                }
                if (data is not null) return Problems.Invalid(Field, "give one photo per upload");
                data = await ReadAtMost(section.Body, o.MaxBytes, request.HttpContext.RequestAborted);
                if (data is null) return TooLarge(o);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return TooLarge(o);
        }
        catch (InvalidDataException e) when (e.Message.Contains("length limit", StringComparison.OrdinalIgnoreCase))
        {
            return TooLarge(o);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            return Problems.Invalid(Field, "the multipart body could not be read: " + e.Message);
        }

        if (data is null) return Problems.Invalid(Field, "is required: a file field named 'photo'");
        if (data.Length == 0) return Problems.Invalid(Field, "is empty");

        var (photo, refusal) = await processor.Process(data, request.HttpContext.RequestAborted);
        if (refusal is not null)
            return refusal.Status == StatusCodes.Status400BadRequest
                ? Problems.Invalid(Field, refusal.Message)
                : Problem(refusal.Status, refusal.Status == StatusCodes.Status415UnsupportedMediaType ? "Unsupported media type." : "Refused.", refusal.Message);

        var id = PhotoIds.New();
        await store.Save(new StoredPhoto(id, "image/jpeg", photo!.Image, photo.Width, photo.Height, photo.Thumbnail, photo.ThumbnailWidth, photo.ThumbnailHeight,
            photo.OriginalFormat, data.Length, clock.GetCurrentInstant(), request.HttpContext.User.ToActor()?.Id));
        return TypedResults.Created(PhotoIds.Url(id),
            new PhotoUploaded(id, PhotoIds.Url(id), PhotoIds.ThumbnailUrl(id), photo.Width, photo.Height, photo.Image.Length));
    }

    /// <summary>The whole stream if it holds at most <paramref name="max"/> bytes; null as soon as it turns out to hold more.</summary>
    private static async Task<byte[]?> ReadAtMost(Stream stream, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > max) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static IResult TooLarge(PhotoOptions o) => Problem(StatusCodes.Status413PayloadTooLarge, "Too large.",
        $"is larger than {o.MaxBytes / 1024.0 / 1024.0:0.#} MiB ({o.MaxBytes} bytes)");

    /// <summary>A problem other than a 400 that still names the field, in the same "errors" shape as a validation problem.</summary>
    private static IResult Problem(int status, string title, string message) => TypedResults.Problem(
        $"{Field}: {message}.", statusCode: status, title: title,
        extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [Field] = [message] } });

    private static async Task<IResult> Serve(string photoId, bool thumbnail, HttpContext http, PhotoStore store, PhotoOptions options)
    {
        if (!PhotoIds.IsValid(photoId)) return Problems.NotFound("No such photo.");
        var content = await store.Get(photoId, thumbnail, http.RequestAborted);
        if (content is null) return Problems.NotFound("No such photo.");
        http.Response.Headers.CacheControl = $"private, max-age={(int)options.CacheFor.TotalSeconds}";
        return TypedResults.File(content.Bytes, content.ContentType);
    }

    /// <summary>
    /// A photo of the incident with this tracking code: served only when one of its reports (the first, or one attached
    /// to it since) or its resolution refers to it. An unknown code counts as a miss, as for GET /api/track.
    /// </summary>
    private static async Task<IResult> ServeTracked(string trackingCode, string photoId, bool thumbnail, HttpContext http,
        TrackingMisses misses, IClusterClient cluster, PhotoStore store, PhotoOptions options)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
            return Problems.Invalid("trackingCode", "is not a tracking code like BG-7K3M-Q9TX");
        if (!misses.Allowed(http)) return TrackingMisses.Refusal;
        var grain = cluster.GetGrain<IIncidentGrain>(code.Value);
        if (await grain.Get() is not { } incident)
        {
            misses.Missed(http);
            return Problems.NotFound($"No incident has tracking code {code}.");
        }
        if (!PhotoIds.IsValid(photoId)) return Problems.NotFound("No such photo of this incident.");
        var url = PhotoIds.Url(photoId);
        var referenced = incident.Report.Photos.Contains(url) || incident.Resolution?.PhotoUrl == url
            || (await grain.GetTimeline()).OfType<ReportAttached>().Any(a => a.Report.Photos.Contains(url));
        if (!referenced) return Problems.NotFound("No such photo of this incident.");
        return await Serve(photoId, thumbnail, http, store, options);
    }
}
