using System.Text;
using System.Text.RegularExpressions;
using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Notifications;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Api.Apis;

public sealed record EscalationAckView(string EscalationId, string Outcome, string? By, Instant? At);

/// <summary>
/// Escalations as the people they reach see them: "my escalations" in the console with its unacknowledged count, and
/// acknowledging a level from the console, from the link in an SMS, or (see <see cref="StaffZaloReplies"/>) by replying
/// on Zalo. Plus the SMS gateway's delivery reports, and the audit of who was told what and when.
/// </summary>
public static partial class EscalationsApi
{
    public const int MaxListed = 200;

    public static IEndpointRouteBuilder MapEscalationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/me/escalations", async (HttpContext http, NotificationQueries notifications, CancellationToken ct) =>
                http.User.ToActor() is { } actor ? Results.Ok(await notifications.Mine(actor.Id, MaxListed, ct)) : Problems.Forbidden("Not allowed."))
            .WithTags("Escalations").RequireAuthorization(AuthSetup.StaffPolicy).WithName("MyEscalations").Produces<MyEscalations>()
            .WithSummary("The escalations that reached the signed-in person on the console, newest first, and how many wait for their acknowledgement.");
        app.MapPost("/api/escalations/{escalationId}/acknowledge", AcknowledgeOnConsole)
            .WithTags("Escalations").RequireAuthorization(AuthSetup.StaffPolicy).WithName("AcknowledgeEscalation").Produces<EscalationAckView>()
            .WithSummary("The signed-in recipient (or a supervisor) acknowledges the escalation's level: its repeats stop.");
        app.MapGet("/e/{token}", (string token) => Page("Xác nhận cảnh báo", $"""
                <p>Bấm nút dưới đây để xác nhận bạn đã nhận cảnh báo và đang xử lý.</p>
                <form method="post" action="/e/{Uri.EscapeDataString(token)}"><button type="submit">Xác nhận đã nhận</button></form>
                """))
            .WithTags("Escalations").AllowAnonymous().RequireRateLimiting(RateLimits.PublicRead).ExcludeFromDescription();
        app.MapPost("/e/{token}", AcknowledgeBySms).WithTags("Escalations").AllowAnonymous().RequireRateLimiting(RateLimits.Citizen)
            .WithName("AcknowledgeEscalationBySms").WithSummary("The acknowledgement link of an escalation SMS (the page at GET /e/{token} posts here).");
        app.MapPost(SmsCallback.Path, SmsDelivery).WithTags("Escalations").AllowAnonymous().RequireRateLimiting(RateLimits.Webhook)
            .WithName("SmsDeliveryReport").WithSummary("The SMS gateway's delivery report for one notification; the address is signed per message.");
        app.MapGet("/api/audit/notifications", Audit).WithTags("Audit").RequireAuthorization(AuthSetup.StaffPolicy).RecordsPersonalDataAccess("audit.notifications", whenAsked: true)
            .WithName("AuditNotifications").Produces<IReadOnlyList<NotificationView>>().Produces(200, contentType: "text/csv")
            .WithSummary("Every recipient of every fired step: why chosen, channel, state, sent, delivered, acknowledged, fire→sent; filters from, to, commune, agency, incident, channel; CSV with format=csv.");
        app.MapGet("/api/audit/escalation-gaps", async (HttpContext http, NotificationQueries notifications, CancellationToken ct) =>
            {
                var q = new QueryParameters(http.Request.Query);
                var filter = Filter(q);
                return q.Valid ? Results.Ok(await notifications.Gaps(filter, ct)) : Problems.Invalid(q.Errors);
            })
            .WithTags("Audit").RequireAuthorization(AuthSetup.SupervisorPolicy).WithName("AuditEscalationGaps").Produces<IReadOnlyList<EscalationGapView>>()
            .WithSummary("Ladder targets nobody held when a step fired, and whom the step reached instead.");
        return app;
    }

    private static async Task<IResult> AcknowledgeOnConsole(string escalationId, HttpContext http, NotificationQueries notifications, IClusterClient cluster, CancellationToken ct)
    {
        if (http.User.ToActor() is not { } actor) return Problems.Forbidden("Not allowed.");
        if (!EscalationId.TryParse(escalationId, out var id)) return Problems.Invalid("escalationId", "is not an escalation id such as BG-7K3M-Q9TX:ack:0:1:0");
        var level = await notifications.Recipient(id, actor.Id, ct);
        if (level is null && !actor.IsProvinceWide) return Problems.Forbidden("This escalation did not reach you.");
        var result = await cluster.GetGrain<IIncidentGrain>(id.IncidentId).AcknowledgeEscalation(id.Kind, id.Round, id.Level, actor, NotificationChannel.Console);
        return result.Outcome == EscalationAckOutcome.NotFired
            ? Problems.NotFound($"Escalation {escalationId} has not fired.")
            : TypedResults.Ok(View(id.ToString(), result));
    }

    private static async Task<IResult> AcknowledgeBySms(string token, HttpRequest request, NotificationQueries notifications, IClusterClient cluster, CancellationToken ct)
    {
        if (token.Length > 64 || await notifications.ByToken(token, ct) is not { } level)
            // The person's browser (which asks for HTML) gets a page; any other client a problem like every other error.
            return AcceptsHtml(request)
                ? Page("Không tìm thấy", "<p>Đường dẫn xác nhận không đúng hoặc đã hết hạn.</p>", StatusCodes.Status404NotFound)
                : Problems.NotFound("The acknowledgement link is wrong or has expired.");
        var result = await Acknowledge(cluster, level, NotificationChannel.Sms);
        return Page("Đã xác nhận", result.Outcome == EscalationAckOutcome.Acknowledged
            ? $"<p>Cảm ơn {Encode(level.StaffName)}. Đã ghi nhận bạn xác nhận cảnh báo về sự cố {Encode(level.IncidentId)}.</p>"
            : $"<p>Cảnh báo về sự cố {Encode(level.IncidentId)} đã được xác nhận trước đó.</p>");
    }

    /// <summary>A level's acknowledgement by a person it reached, acting as the staff member of their unit.</summary>
    public static Task<EscalationAckResult> Acknowledge(IClusterClient cluster, NotifiedLevel level, string via)
    {
        var unit = level.Unit.Split(':', 2);
        var actor = unit switch
        {
            ["commune", var code] => new Actor(ActorRole.CommuneOfficer, level.StaffId, Commune: code),
            ["agency", var code] => new Actor(ActorRole.AgencyStaff, level.StaffId, Agency: code),
            _ => new Actor(ActorRole.Supervisor, level.StaffId),
        };
        return cluster.GetGrain<IIncidentGrain>(level.IncidentId).AcknowledgeEscalation(level.Kind, level.Round, level.Level, actor, via);
    }

    /// <summary>
    /// eSMS reports delivery to the CallbackUrl we gave it. Its report format is UNVERIFIED (INTEGRATIONS.md §4): we
    /// read SendStatus from the query, a form or JSON, and take "5" (sent to the handset) or "delivered" as delivered,
    /// "4" or "failed" as not. The notification is named by our own signed query parameters, not the gateway's ids.
    /// </summary>
    private static async Task<IResult> SmsDelivery(HttpRequest request, NotificationQueries notifications, IOptions<SmsCallbackOptions> options, CancellationToken ct)
    {
        var secret = options.Value.CallbackSecret;
        var id = request.Query["n"].ToString();
        if (string.IsNullOrEmpty(secret) || !SmsCallback.Verify(id, request.Query["sig"].ToString(), secret))
            return TypedResults.Problem("The delivery report's address is not signed by this system.", statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized.");
        var status = request.Query["SendStatus"].ToString();
        if (status.Length == 0)
        {
            var (raw, tooLarge) = await JsonBody.ReadRawAsync(request);
            if (tooLarge is not null) return tooLarge;
            status = StatusIn(Encoding.UTF8.GetString(raw)) ?? "";
        }
        bool? delivered = status.ToLowerInvariant() switch { "5" or "delivered" => true, "4" or "failed" => false, _ => null };
        if (delivered is null) return TypedResults.Ok(new { received = true, recorded = false });
        return await notifications.SmsDelivered(id, delivered.Value, status, ct)
            ? TypedResults.Ok(new { received = true, recorded = true })
            : Problems.NotFound($"No SMS notification {id}.");
    }

    private static string? StatusIn(string body)
    {
        var match = SendStatus().Match(body);
        return match.Success ? match.Groups["v"].Value : null;
    }

    [GeneratedRegex("""SendStatus"?\s*[:=]\s*"?(?<v>[A-Za-z0-9]+)""")]
    private static partial Regex SendStatus();

    private static async Task<IResult> Audit(HttpContext http, NotificationQueries notifications, ReferenceData reference, IClock clock, CancellationToken ct)
    {
        if (http.User.ToActor() is not { } actor) return Problems.Forbidden("Not allowed.");
        var q = new QueryParameters(http.Request.Query);
        var csv = q.OneOf("format", "json", "csv") == "csv";
        var filter = Filter(q) with { Limit = q.Int("limit", csv ? AuditApi.MaxCsvRows : 500, 1, csv ? AuditApi.MaxCsvRows : AuditApi.MaxJsonRows) };
        if (!q.Valid) return Problems.Invalid(q.Errors);
        var commune = filter.Commune;
        var agency = filter.Agency;
        if (Scope.Narrow(actor, ref commune, ref agency) is { } refusal) return Problems.Forbidden(refusal);
        var rows = notifications.Find(filter with { Commune = commune, Agency = agency }, ct);
        if (!csv)
        {
            var list = new List<NotificationView>();
            await foreach (var row in rows.WithCancellation(ct)) list.Add(row);
            return TypedResults.Ok(list);
        }
        var day = clock.GetCurrentInstant().InZone(ReferenceData.Zone).Date;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"notifications-{day:yyyy-MM-dd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        await NotificationCsv.Write(writer, rows, ct);
        return TypedResults.Empty;
    }

    private static NotificationFilter Filter(QueryParameters q)
    {
        var from = q.Time("from", endOfDay: false);
        var to = q.Time("to", endOfDay: true);
        q.CheckPeriod(from, to);
        var channel = q.Text("channel");
        if (channel is not null && !NotificationChannel.All.Contains(channel)) q.Fail("channel", $"must be one of {string.Join(", ", NotificationChannel.All)}");
        return new NotificationFilter
        {
            From = from, To = to, Commune = q.Text("commune"), Agency = q.Text("agency"), IncidentId = q.Text("incident"), Channel = channel,
            Offset = q.Int("offset", 0, 0, int.MaxValue),
        };
    }

    private static EscalationAckView View(string id, EscalationAckResult r) =>
        new(id, r.Outcome == EscalationAckOutcome.Acknowledged ? "acknowledged" : "already_acknowledged", r.By, r.At);

    private static bool AcceptsHtml(HttpRequest request) =>
        request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));

    private static string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static IResult Page(string title, string body, int status = StatusCodes.Status200OK) => TypedResults.Content($"""
        <!doctype html>
        <html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{Encode(title)}</title><link rel="stylesheet" href="/style.css"></head>
        <body><main class="narrow"><h1>{Encode(title)}</h1>{body}</main></body></html>
        """, "text/html; charset=utf-8", Encoding.UTF8, status);
}

/// <summary>The API's half of the SMS delivery callback (section "Sms"): the secret the silo signs callback addresses with.</summary>
public sealed class SmsCallbackOptions
{
    public string? CallbackSecret { get; set; }
}
