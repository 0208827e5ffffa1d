using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Api.Intake;
using BacGiang.Incidents.Api.Photos;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Reference;
using NodaTime;

namespace BacGiang.Incidents.Api.Apis;

/// <summary><see cref="Attached"/>: someone reported the same thing nearby first; this report joined their incident, whose code this is.</summary>
public sealed record ReportAccepted(
    string IncidentId, string TrackingCode, IncidentStatus Status, string? Commune, string? Agency, string? TriageReason, string TrackUrl,
    bool Attached, int ReportCount);

public sealed record TrackedStep(string Type, Instant At);

/// <summary>The rating given on the tracking page.</summary>
public sealed record TrackedRating(int Stars, string? Comment, Instant At);

/// <summary>
/// What anyone holding the tracking code may see: no names, phones or staff notes. Once resolved: the true
/// <see cref="Outcome"/> (fixed, not_fixed, not_responsible), the note to the citizen (for not_fixed, why),
/// the body it was referred to, the photo of the result. <see cref="CanReopen"/>: within the reopen window;
/// <see cref="CanRate"/>: resolved or closed and not yet rated from the tracking page.
/// </summary>
public sealed record TrackView(
    string TrackingCode, IncidentStatus Status, string Category, string? CategoryName, string? Commune, string? CommuneName,
    Instant ReportedAt, Instant UpdatedAt, IReadOnlyList<TrackedStep> History,
    ResolutionOutcome? Outcome, string? ResolutionNote, string? ReferredTo, string? ResolutionPhotoUrl, Instant? ResolvedAt,
    TrackedRating? Rating, bool CanReopen, bool CanRate);

public sealed record CitizenReopenRequest(string? Reason, string? CommandId);

/// <summary>A citizen's rating: 1 to 5 stars, a comment of at most 1000 characters.</summary>
public sealed record CitizenRatingRequest(int? Stars, string? Comment, string? CommandId);

/// <summary>The citizens' face: report without an account, follow it with the tracking code. Rate-limited per client.</summary>
public static class ReportsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Citizens").AllowAnonymous();
        api.MapPost("/reports", FileReport).WithName("FileReport").RequireRateLimiting(RateLimits.Citizen)
            .Accepts<ReportRequest>("application/json")
            .Produces<ReportAccepted>(StatusCodes.Status201Created)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/track/{trackingCode}", Track).WithName("TrackIncident").RequireRateLimiting(RateLimits.PublicRead);
        api.MapPost("/track/{trackingCode}/reopen", Reopen).WithName("ReopenByCitizen").Accepts<CitizenReopenRequest>("application/json")
            .RequireRateLimiting(RateLimits.Citizen);
        api.MapPost("/track/{trackingCode}/rating", Rate).WithName("RateByCitizen").Accepts<CitizenRatingRequest>("application/json")
            .Produces<TrackView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .RequireRateLimiting(RateLimits.Citizen);
        return app;
    }

    private static async Task<IResult> FileReport(HttpRequest request, IReportIntake intake, ReportValidator validator, PhotoStore photos, IClock clock)
    {
        string? key = request.Headers[IdempotencyHeader];
        if (key is not null && (key.Length is 0 or > 255 || key.Any(c => c < 0x21 || c > 0x7e)))
            return Problems.Invalid(IdempotencyHeader, "must be 1 to 255 visible ASCII characters");

        var body = await JsonBody.ReadAsync<ReportRequest>(request);
        if (body.Error is not null) return body.Error;
        var (report, errors) = validator.Validate(body.Value!, "app", clock.GetCurrentInstant());
        if (report is null) return Problems.Invalid(errors);
        var unknownPhotos = await PhotoReferences.Claim(photos, ReportValidator.SystemPhotoIds(report.Photos), clock.GetCurrentInstant(), request.HttpContext.RequestAborted);
        if (unknownPhotos.Count > 0) return Problems.Invalid(unknownPhotos);

        var result = await intake.File(report, Actor.Citizen("app"), key, body.Raw);
        if (result.Outcome == FileOutcome.KeyReused)
            return TypedResults.Problem($"This {IdempotencyHeader} was already used for a different report.",
                statusCode: StatusCodes.Status422UnprocessableEntity, title: "Idempotency-Key reused.",
                extensions: new Dictionary<string, object?> { ["field"] = IdempotencyHeader });

        var incident = result.Incident!;
        if (result.Outcome == FileOutcome.AlreadyFiled) request.HttpContext.Response.Headers["Idempotent-Replayed"] = "true";
        var trackUrl = $"/api/track/{incident.TrackingCode}";
        return TypedResults.Created(trackUrl, new ReportAccepted(
            incident.Id, incident.TrackingCode, incident.Status, incident.Commune, incident.Agency, incident.TriageReason, trackUrl,
            result.Outcome == FileOutcome.Attached, incident.ReportCount));
    }

    private static async Task<IResult> Track(string trackingCode, HttpContext http, TrackingMisses misses, IClusterClient cluster, ReferenceData reference, IClock clock)
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
        return TypedResults.Ok(await View(grain, incident, reference, clock.GetCurrentInstant()));
    }

    /// <summary>The web page's citizen: one rating per incident from the tracking page (a Zalo reporter rates in the chat).</summary>
    public const string WebCitizen = "tracking-code";

    private static async Task<TrackView> View(IIncidentGrain grain, IncidentView incident, ReferenceData reference, Instant now)
    {
        var timeline = await grain.GetTimeline();
        var commune = incident.Commune is null ? null : reference.UnitInForce(incident.Commune, ReferenceData.DateOf(incident.ReportedAt));
        var resolution = incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed ? incident.Resolution : null;
        var rating = incident.Ratings.FirstOrDefault(r => r.By == WebCitizen);
        return new TrackView(
            incident.TrackingCode, incident.Status, incident.Category,
            reference.Categories.TryGetValue(incident.Category, out var category) ? category.NameVi : null,
            incident.Commune, commune?.Name, incident.ReportedAt, incident.UpdatedAt,
            // Escalations, staff notes and the dispatch desk's back and forth (a crew given the job, taking it, handing
            // it back) are the province's internal business; the citizen sees where the case stands, and when a crew
            // set off and arrived.
            timeline.Where(e => e is not (EscalationRaised or EscalationAcknowledged or NoteAdded or CrewAssigned or CrewAccepted or CrewReleased)).Select(e => new TrackedStep(EventTypes.NameOf(e), e.At)).ToList(),
            resolution?.Outcome,
            // For not_fixed the reason is what the citizen needs to hear; the note adds to it when there is one.
            resolution is null ? null : string.Join(" ", new[] { resolution.Reason, resolution.Note }.Where(t => !string.IsNullOrWhiteSpace(t))) is { Length: > 0 } note ? note : null,
            resolution?.ReferredTo, resolution?.PhotoUrl, resolution is null ? null : incident.ResolvedAt,
            rating is null ? null : new TrackedRating(rating.Stars, rating.Comment, rating.At),
            incident.Status == IncidentStatus.Resolved && incident.ResolvedAt is { } resolvedAt && now - resolvedAt <= IncidentLifecycle.ReopenWindow,
            incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed && rating is null);
    }

    private static async Task<IResult> Rate(string trackingCode, HttpRequest request, TrackingMisses misses, IClusterClient cluster, ReferenceData reference, IClock clock)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
            return Problems.Invalid("trackingCode", "is not a tracking code like BG-7K3M-Q9TX");
        if (!misses.Allowed(request.HttpContext)) return TrackingMisses.Refusal;
        var body = await JsonBody.ReadAsync<CitizenRatingRequest>(request);
        if (body.Error is not null) return body.Error;
        if (body.Value!.Stars is not { } stars) return Problems.Invalid("stars", "is required: a whole number from 1 to 5");
        var grain = cluster.GetGrain<IIncidentGrain>(code.Value);
        var result = await grain.Execute(
            new Rate { Stars = stars, Comment = body.Value.Comment, Channel = "web", CommandId = body.Value.CommandId }, Actor.Citizen(WebCitizen));
        if (result.Kind == CommandResultKind.NotFound) misses.Missed(request.HttpContext);
        if (!result.Succeeded) return Problems.From(result);
        return await grain.Get() is { } incident ? TypedResults.Ok(await View(grain, incident, reference, clock.GetCurrentInstant())) : Problems.NotFound($"No incident has tracking code {code}.");
    }

    private static async Task<IResult> Reopen(string trackingCode, HttpRequest request, TrackingMisses misses, IClusterClient cluster)
    {
        if (!TrackingCode.TryParse(trackingCode, out var code))
            return Problems.Invalid("trackingCode", "is not a tracking code like BG-7K3M-Q9TX");
        if (!misses.Allowed(request.HttpContext)) return TrackingMisses.Refusal;
        var body = await JsonBody.ReadAsync<CitizenReopenRequest>(request);
        if (body.Error is not null) return body.Error;
        var result = await cluster.GetGrain<IIncidentGrain>(code.Value)
            .Execute(new Reopen { Reason = body.Value!.Reason ?? "", CommandId = body.Value.CommandId }, Actor.Citizen("tracking-code"));
        if (result.Kind == CommandResultKind.NotFound) misses.Missed(request.HttpContext);
        return result.Succeeded ? TypedResults.Ok(result) : Problems.From(result);
    }
}
