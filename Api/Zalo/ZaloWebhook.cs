using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Domain;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Api.Zalo;

/// <summary>
/// The Zalo OA webhook (INTEGRATIONS.md §1). The signature header <c>X-ZEvent-Signature</c> is
/// "mac=" + hex SHA-256 of app_id + raw body + timestamp + OA secret key, over the exact bytes received; app_id
/// and timestamp are read from the body for it, and nothing else is looked at before it matches. A bad or
/// missing signature is 401 and nothing is stored. User text, image and location messages go to the user's
/// conversation grain; everything else (the OA's own echoes, delivery receipts, follows) is acknowledged and ignored.
/// </summary>
public static class ZaloWebhook
{
    public const string SignatureHeader = "X-ZEvent-Signature";

    public static IEndpointRouteBuilder MapZaloWebhook(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/zalo", Receive).WithTags("Zalo").AllowAnonymous().WithName("ZaloWebhook").RequireRateLimiting(RateLimits.Webhook);
        app.MapGet("/api/zalo/conversations/{userId}", async (string userId, IClusterClient cluster) => IsUserId(userId)
                ? Results.Ok(await cluster.GetGrain<IZaloConversationGrain>(userId).Get())
                : Problems.NotFound($"No Zalo user {userId}."))
            .WithTags("Zalo").RequireAuthorization(AuthSetup.SupervisorPolicy).WithName("GetZaloConversation").Produces<ZaloConversationView>()
            .RecordsPersonalDataAccess("zalo.conversation")
            .WithSummary("A citizen's Zalo conversation: incidents filed, what is being asked, and the delivery state of every reply.");
        return app;
    }

    private static async Task<IResult> Receive(HttpRequest request, IOptions<ZaloWebhookOptions> options, IClusterClient cluster, IClock clock,
        ReadModel.NotificationQueries notifications, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("BacGiang.Incidents.Api.Zalo");
        var (raw, tooLarge) = await JsonBody.ReadRawAsync(request);
        if (tooLarge is not null) return tooLarge;
        if (Verify(request, raw, options.Value, clock.GetCurrentInstant()) is { } refusal)
        {
            // Never the secret, the expected mac or the body: only who called and why it was refused.
            logger.LogWarning("Zalo webhook refused from {RemoteAddress}: {Reason}", request.HttpContext.Connection.RemoteIpAddress, refusal);
            return TypedResults.Problem(refusal, statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.");
        }

        using var document = JsonDocument.Parse(raw);
        var root = document.RootElement;
        var eventName = Text(root, "event_name");
        var ct = request.HttpContext.RequestAborted;
        if (eventName == "user_received_message")
        {
            var marked = await StaffZaloReplies.Received(root, notifications, ct);
            return TypedResults.Ok(new { received = true, handled = marked > 0 });
        }
        if (ToMessage(root, eventName, clock.GetCurrentInstant()) is not { } message || Text(root.GetPropertyOrDefault("sender"), "id") is not { } userId || !IsUserId(userId))
        {
            logger.LogDebug("Zalo event {EventName} ignored", eventName);
            return TypedResults.Ok(new { received = true, handled = false });
        }
        if (message.Kind == ZaloMessageKind.Text && await StaffZaloReplies.TryAcknowledge(userId, message.Text, notifications, cluster, ct))
        {
            logger.LogInformation("Zalo {MsgId}: a staff member acknowledged an escalation", message.MsgId);
            return TypedResults.Ok(new { received = true, handled = true });
        }
        await cluster.GetGrain<IZaloConversationGrain>(userId).Receive(message);
        logger.LogInformation("Zalo {EventName} {MsgId} received", eventName, message.MsgId);
        return TypedResults.Ok(new { received = true, handled = true });
    }

    private static string? Verify(HttpRequest request, byte[] raw, ZaloWebhookOptions options, Instant now)
    {
        if (string.IsNullOrEmpty(options.AppId) || string.IsNullOrEmpty(options.OaSecretKey)) return "The Zalo webhook is not configured on this server.";
        var signature = request.Headers[SignatureHeader].ToString();
        if (signature.Length == 0) return $"{SignatureHeader} is missing.";
        string? appId, timestamp;
        try
        {
            using var document = JsonDocument.Parse(raw);
            if (!IsText(document.RootElement)) return "The body holds a string that is not Unicode text, so it cannot carry a verifiable signature.";
            appId = Text(document.RootElement, "app_id");
            timestamp = Text(document.RootElement, "timestamp");
        }
        catch (JsonException)
        {
            return "The body is not JSON, so it cannot carry a verifiable signature.";
        }
        if (appId is null || timestamp is null) return "app_id and timestamp are required for the signature.";
        if (appId != options.AppId) return "The event is for another Zalo app.";
        var expected = "mac=" + Mac(appId, raw, timestamp, options.OaSecretKey);
        if (!CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature.Trim())))
            return "The signature does not match.";
        // Compared as plain milliseconds: a signed timestamp past what an Instant can hold (year 9999) threw.
        return long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
               && Math.Abs(now.ToUnixTimeMilliseconds() - ms) <= (long)Duration.FromHours(options.ReplayWindowHours).TotalMilliseconds
            ? null
            : $"The signed timestamp is more than {options.ReplayWindowHours} h from the server's clock: a replay.";
    }

    /// <summary>Lower-case hex SHA-256 of app id + raw body + timestamp + OA secret key: a plain hash, not an HMAC.</summary>
    public static string Mac(string appId, byte[] rawBody, string timestamp, string oaSecretKey)
    {
        var head = Encoding.UTF8.GetBytes(appId);
        var tail = Encoding.UTF8.GetBytes(timestamp + oaSecretKey);
        var message = new byte[head.Length + rawBody.Length + tail.Length];
        head.CopyTo(message, 0);
        rawBody.CopyTo(message, head.Length);
        tail.CopyTo(message, head.Length + rawBody.Length);
        return Convert.ToHexStringLower(SHA256.HashData(message));
    }

    private static ZaloIncoming? ToMessage(JsonElement root, string? eventName, Instant received)
    {
        var message = root.GetPropertyOrDefault("message");
        if (Text(message, "msg_id") is not { } msgId) return null;
        var at = long.TryParse(Text(root, "timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? Instant.FromUnixTimeMilliseconds(ms)
            : received;
        var text = Text(message, "text");
        var attachment = message.TryGetProperty("attachments", out var list) && list.ValueKind == JsonValueKind.Array && list.GetArrayLength() > 0
            ? list[0]
            : default;
        var payload = attachment.GetPropertyOrDefault("payload");
        switch (eventName)
        {
            case "user_send_text" or "anonymous_send_text" when text is not null:
                return new ZaloIncoming { MsgId = msgId, Kind = ZaloMessageKind.Text, Text = text, At = at };
            case "user_send_image":
                // Zalo's image payloads vary (INTEGRATIONS.md §1.4): url, then thumbnail, then message.photo_url.
                var url = Text(payload, "url") ?? Text(payload, "thumbnail") ?? Text(message, "photo_url");
                return url is null ? null : new ZaloIncoming { MsgId = msgId, Kind = ZaloMessageKind.Image, ImageUrl = url, Text = text, At = at };
            case "user_send_location":
                var coordinates = payload.GetPropertyOrDefault("coordinates");
                return double.TryParse(Text(coordinates, "latitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
                       && double.TryParse(Text(coordinates, "longitude"), NumberStyles.Float, CultureInfo.InvariantCulture, out var lon)
                       && GeoPoint.TryCreate(lat, lon, out var point, out _)
                    ? new ZaloIncoming { MsgId = msgId, Kind = ZaloMessageKind.Location, Location = point, Text = text, At = at }
                    : null;
            default:
                return null;
        }
    }

    /// <summary>Zalo sends ids, timestamps and coordinates as strings (big numbers); accept numbers too.</summary>
    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;

    /// <summary>
    /// Whether every name and string is Unicode text. JSON may escape half a surrogate pair ("\ud800"), which the
    /// parser accepts but refuses to turn into a string, throwing from any lookup that meets it: a 500 before the
    /// signature was even checked.
    /// </summary>
    private static bool IsText(JsonElement element)
    {
        try
        {
            return element.ValueKind switch
            {
                JsonValueKind.Object => element.EnumerateObject().All(p => p.Name is not null && IsText(p.Value)),
                JsonValueKind.Array => element.EnumerateArray().All(IsText),
                JsonValueKind.String => element.GetString() is not null,
                _ => true,
            };
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>What can key a conversation: Zalo's ids are digits, and no grain can be keyed by a blank or stored with a NUL.</summary>
    private static bool IsUserId(string id) => !string.IsNullOrWhiteSpace(id) && id.Length <= 100 && !id.Any(char.IsControl);

    private static JsonElement GetPropertyOrDefault(this JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;
}
