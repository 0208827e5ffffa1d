using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Options;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Api.Ioc;

public sealed record IocAlertRequest(
    string? CameraId, string? AlertType, double? Confidence, string? At, string? SnapshotUrl, string? Plate, string? AlertId);

public sealed record IocAlertAccepted(string IncidentId, string TrackingCode, bool Attached, int AlertCount, bool Repeated);

/// <summary>
/// AI alerts from the smart-city operations centre's cameras. Each delivery is signed by the IOC:
/// <c>X-IOC-Timestamp</c> (Unix seconds) and <c>X-IOC-Signature: sha256=</c> hex HMAC-SHA256 over
/// "timestamp.body" with the shared secret. The signature is checked over the raw bytes before anything is
/// parsed; a bad one, or a timestamp outside the replay window, is 401 and nothing is stored.
/// </summary>
public static class IocApi
{
    public const string TimestampHeader = "X-IOC-Timestamp";
    public const string SignatureHeader = "X-IOC-Signature";

    public static IEndpointRouteBuilder MapIocApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/ioc/alerts", Receive).WithTags("IOC").AllowAnonymous().WithName("ReceiveIocAlert").RequireRateLimiting(RateLimits.Webhook)
            .Accepts<IocAlertRequest>("application/json").Produces<IocAlertAccepted>(StatusCodes.Status202Accepted);
        return app;
    }

    private static async Task<IResult> Receive(HttpRequest request, IOptions<IocOptions> options, IClock clock, ReferenceData reference,
        AlertCoalescer coalescer, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("BacGiang.Incidents.Api.Ioc");
        var (raw, tooLarge) = await JsonBody.ReadRawAsync(request);
        if (tooLarge is not null) return tooLarge;
        if (Verify(request, raw, options.Value, clock.GetCurrentInstant()) is { } refusal)
        {
            logger.LogWarning("IOC alert refused from {RemoteAddress}: {Reason}", request.HttpContext.Connection.RemoteIpAddress, refusal);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.");
        }

        var body = JsonBody.Parse<IocAlertRequest>(request, raw);
        if (body.Error is not null) return body.Error;
        var a = body.Value!;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(a.CameraId)) errors["cameraId"] = ["is required"];
        else if (!reference.Cameras.ContainsKey(a.CameraId)) errors["cameraId"] = [$"'{a.CameraId}' is not in the camera registry"];
        if (string.IsNullOrWhiteSpace(a.AlertType)) errors["alertType"] = ["is required"];
        else if (!reference.AlertTypes.ContainsKey(a.AlertType))
            errors["alertType"] = [$"'{a.AlertType}' is not one of {string.Join(", ", reference.AlertTypes.Keys)}"];
        if (a.Confidence is not { } confidence || double.IsNaN(confidence) || confidence is < 0 or > 1) errors["confidence"] = ["must be a number from 0 to 1"];
        var at = a.At is { } text ? ParseInstant(text) : null;
        if (at is null) errors["at"] = [$"must be an ISO-8601 time with Z or an offset, e.g. 2026-11-23T08:15:00+07:00, and {PlausibleTime.Rule}"];
        if (a.SnapshotUrl is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            errors["snapshotUrl"] = ["must be an http or https URL"];
        if (a.Plate is { Length: > 20 }) errors["plate"] = ["is longer than 20 characters"];
        if (a.AlertId is { Length: > 100 }) errors["alertId"] = ["is longer than 100 characters"];
        if (errors.Count > 0) return Problems.Invalid(errors);

        var outcome = await coalescer.Receive(a.CameraId!, new CameraAlert
        {
            AlertId = a.AlertId, AlertType = a.AlertType!, Confidence = a.Confidence!.Value, At = at!.Value,
            SnapshotUrl = a.SnapshotUrl, Plate = a.Plate?.Trim().ToUpperInvariant(),
        });
        return TypedResults.Json(new IocAlertAccepted(outcome.IncidentId, outcome.IncidentId, outcome.Attached, outcome.AlertCount, outcome.Repeated),
            statusCode: StatusCodes.Status202Accepted);
    }

    /// <summary>Null when the delivery is the IOC's and fresh; otherwise why not (logged, and told to the caller).</summary>
    private static string? Verify(HttpRequest request, byte[] raw, IocOptions options, Instant now)
    {
        if (string.IsNullOrEmpty(options.SharedSecret)) return "IOC alerts are not configured on this server.";
        var timestamp = request.Headers[TimestampHeader].ToString();
        var signature = request.Headers[SignatureHeader].ToString();
        if (timestamp.Length == 0 || signature.Length == 0) return $"{TimestampHeader} and {SignatureHeader} are required.";
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || Math.Abs(now.ToUnixTimeSeconds() - seconds) > options.ReplayWindowSeconds)
            return $"{TimestampHeader} is not within {options.ReplayWindowSeconds} s of the server's clock.";
        var expected = "sha256=" + Convert.ToHexStringLower(Sign(options.SharedSecret, timestamp, raw));
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.Trim().ToLowerInvariant()))
            ? null
            : "The signature does not match.";
    }

    /// <summary>With an offset or Z, from 2000 to 2099: further out is no camera's clock, and past 9999 NodaTime cannot even convert it.</summary>
    private static Instant? ParseInstant(string text) =>
        OffsetDateTimePattern.ExtendedIso.Parse(text) is { Success: true } withOffset
            ? PlausibleTime.Contains(withOffset.Value) ? withOffset.Value.ToInstant() : null
            : PlausibleTime.ParseInstant(text);

    /// <summary>HMAC-SHA256 over "timestamp.body" (the body's exact bytes).</summary>
    public static byte[] Sign(string secret, string timestamp, byte[] body)
    {
        var message = new byte[timestamp.Length + 1 + body.Length];
        Encoding.ASCII.GetBytes(timestamp, message);
        message[timestamp.Length] = (byte)'.';
        body.CopyTo(message, timestamp.Length + 1);
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }
}
