using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Api.Intake;
using BacGiang.Incidents.Api.Photos;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Api.Apis;

public sealed record NoteRequest(string? Note, string? CommandId);
public sealed record DispatchRequest(string? Commune, string? Agency, string? Reason, string? CommandId);
public sealed record ResolveRequest(ResolutionOutcome? Outcome, string? Note, string? Reason, string? ReferredTo, string? PhotoUrl, string? CommandId);
public sealed record ReasonRequest(string? Reason, string? CommandId);
public sealed record AddNoteRequest(string? Text, string? CommandId);
public sealed record MergeRequest(string? Into, string? Reason, string? CommandId);
public sealed record SplitRequest(long? ReportSeq, string? Reason, string? CommandId);

public sealed record CommandAccepted(string IncidentId, CommandResultKind Result, long? Seq, IncidentView Incident);

/// <summary>Staff work on one incident. Scoping is decided by the incident itself, so it holds however the request arrives.</summary>
public static class IncidentsApi
{
    public static IEndpointRouteBuilder MapIncidentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/incidents/{id}").WithTags("Incidents").RequireAuthorization(AuthSetup.StaffPolicy);
        api.MapGet("", GetIncident).WithName("GetIncident").RecordsPersonalDataAccess("incident.read");
        api.MapGet("/timeline", GetTimeline).WithName("GetTimeline").RecordsPersonalDataAccess("incident.timeline");
        api.MapGet("/sla", GetSla).WithName("GetIncidentSla").Produces<BacGiang.Incidents.Sla.SlaView>();
        var reference = app.ServiceProvider.GetRequiredService<ReferenceData>();
        MapCommand<NoteRequest>(api, "acknowledge", (b, _) => new Acknowledge { Note = b?.Note, CommandId = b?.CommandId });
        MapCommand<DispatchRequest>(api, "dispatch", (b, now) => Dispatch(b, reference, now));
        MapCommand<NoteRequest>(api, "start", (b, _) => new Start { Note = b?.Note, CommandId = b?.CommandId });
        MapCommand<ResolveRequest>(api, "resolve", (b, _) => Resolve(b));
        MapCommand<NoteRequest>(api, "close", (b, _) => new Close { Note = b?.Note, CommandId = b?.CommandId });
        MapCommand<ReasonRequest>(api, "reject", (b, _) => new Reject { Reason = b?.Reason ?? "", CommandId = b?.CommandId });
        MapCommand<ReasonRequest>(api, "reopen", (b, _) => new Reopen { Reason = b?.Reason ?? "", CommandId = b?.CommandId });
        MapCommand<ReasonRequest>(api, "wait", (b, _) => new Wait { Reason = b?.Reason ?? "", CommandId = b?.CommandId });
        MapCommand<NoteRequest>(api, "resume", (b, _) => new Resume { Note = b?.Note, CommandId = b?.CommandId });
        MapCommand<AddNoteRequest>(api, "note", (b, _) => new AddNote { Text = b?.Text ?? "", CommandId = b?.CommandId });
        MapCommand<ReasonRequest>(api, "return-to-triage", (b, _) => new ReturnToTriage { Reason = b?.Reason ?? "", CommandId = b?.CommandId });
        MapCommand<MergeRequest>(api, "merge", (b, _) => Merge(b));
        MapCommand<SplitRequest>(api, "split", (b, _) => b?.ReportSeq is not { } seq
            ? Problems.Invalid("reportSeq", "is required: the seq of the ReportAttached event in the timeline")
            : new Split { ReportSeq = seq, NewIncidentId = TrackingCode.NewRandom().Value, Reason = b.Reason, CommandId = b.CommandId });
        return app;
    }

    private static async Task<IResult> GetIncident(string id, HttpContext http, IClusterClient cluster, IOptions<PersonalDataOptions> personal)
    {
        var (incident, problem) = await Visible(id, http, cluster);
        return problem ?? TypedResults.Ok(ReporterContact.ForViewer(incident!, WholePhone(http, personal)));
    }

    private static async Task<IResult> GetTimeline(string id, HttpContext http, IClusterClient cluster, IOptions<PersonalDataOptions> personal)
    {
        var (_, problem) = await Visible(id, http, cluster);
        if (problem is not null) return problem;
        var whole = WholePhone(http, personal);
        return TypedResults.Ok((await cluster.GetGrain<IIncidentGrain>(id).GetTimeline()).Select(e => ReporterContact.ForViewer(e, whole)).ToList());
    }

    private static bool WholePhone(HttpContext http, IOptions<PersonalDataOptions> personal) =>
        http.User.ToActor() is { } actor && personal.Value.PhoneVisibleTo.Contains(actor.Role);

    private static async Task<IResult> GetSla(string id, HttpContext http, IClusterClient cluster)
    {
        var (_, problem) = await Visible(id, http, cluster);
        if (problem is not null) return problem;
        return await cluster.GetGrain<IIncidentGrain>(id).GetSla() is { } sla
            ? TypedResults.Ok(sla)
            : Problems.NotFound($"Incident {id} was filed before SLA policies existed and has none.");
    }

    /// <summary>Builds the command from the body, or returns the problem naming the field that stopped it.</summary>
    private delegate OneOf<IncidentCommand> CommandFactory<in TBody>(TBody? body, Instant now);

    private static void MapCommand<TBody>(RouteGroupBuilder api, string action, CommandFactory<TBody> build) where TBody : class =>
        api.MapPost($"/{action}", async (string id, HttpRequest request, IClusterClient cluster, IClock clock, IOptions<PersonalDataOptions> personal, PhotoStore photos) =>
            {
                var actor = request.HttpContext.User.ToActor();
                if (actor is null) return Problems.Forbidden("The token names no usable role with its commune or agency.");
                // Only a tracking code names an incident; anything else (blank, say, which no grain can be keyed by) has none.
                if (!IsIncidentId(id)) return Problems.NotFound($"No incident {id}.");
                var body = await JsonBody.ReadAsync<TBody>(request, optional: true);
                if (body.Error is not null) return body.Error;
                var built = build(body.Value, clock.GetCurrentInstant());
                if (built.Problem is not null) return built.Problem;
                var command = built.Value!;
                if (command is Resolve resolve && await ClaimPhoto(resolve, photos, clock, request.HttpContext.RequestAborted) is { } unknownPhoto)
                    return unknownPhoto;

                var grain = cluster.GetGrain<IIncidentGrain>(id);
                // Merges go one at a time, so two cannot form a cycle (IMergeCoordinatorGrain says why).
                var result = command is Merge merge
                    ? await cluster.GetGrain<IMergeCoordinatorGrain>(0).Merge(id, merge, actor)
                    : await grain.Execute(command, actor);
                if (!result.Succeeded) return Problems.From(result);
                return TypedResults.Ok(new CommandAccepted(id, result.Kind, result.Seq, ReporterContact.ForViewer((await grain.Get())!, WholePhone(request.HttpContext, personal))));
            })
            .WithName(string.Concat(action.Split('-').Select(w => char.ToUpperInvariant(w[0]) + w[1..])) + "Incident")
            .Accepts<TBody>("application/json")
            .Produces<CommandAccepted>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

    private static OneOf<IncidentCommand> Dispatch(DispatchRequest? b, ReferenceData reference, Instant now)
    {
        if (b?.Agency is { } agency && !reference.Agencies.ContainsKey(agency))
            return Problems.Invalid("agency", $"'{agency}' is not an agency code");
        if (b?.Commune is { } commune && reference.UnitInForce(commune, ReferenceData.DateOf(now)) is not { Level: UnitLevel.Commune })
            return Problems.Invalid("commune", $"'{commune}' is not a commune in force");
        return new Dispatch { Commune = b?.Commune, Agency = b?.Agency, Reason = b?.Reason ?? "", CommandId = b?.CommandId };
    }

    /// <summary>Whether the target still takes reports is checked where merges are taken one at a time (IMergeCoordinatorGrain).</summary>
    private static OneOf<IncidentCommand> Merge(MergeRequest? b) =>
        b?.Into is not { } text || !TrackingCode.TryParse(text, out var into)
            ? Problems.Invalid("into", "is required: the tracking code of the incident to merge into")
            : new Merge { Into = into.Value, Reason = b.Reason, CommandId = b.CommandId };

    /// <summary>A resolution's photo uploaded through the system is claimed before the incident records it; an unknown one is a 400.</summary>
    internal static async Task<IResult?> ClaimPhoto(Resolve resolve, PhotoStore photos, IClock clock, CancellationToken ct) =>
        PhotoIds.TryParseUrl(resolve.PhotoUrl, out var photoId)
        && await PhotoReferences.Claim(photos, [("photoUrl", photoId)], clock.GetCurrentInstant(), ct) is { Count: > 0 } unknown
            ? Problems.Invalid(unknown)
            : null;

    internal static OneOf<IncidentCommand> Resolve(ResolveRequest? b) =>
        b?.Outcome is not { } outcome
            ? Problems.Invalid("outcome", "is required: fixed, not_fixed or not_responsible")
            : b.PhotoUrl is { } photoUrl && ReportValidator.PhotoUrlProblem(photoUrl) is { } photoError
            ? Problems.Invalid("photoUrl", photoError)
            : new Resolve
            {
                Outcome = outcome, Note = b.Note, Reason = b.Reason, ReferredTo = b.ReferredTo, PhotoUrl = b.PhotoUrl, CommandId = b.CommandId,
            };

    internal static bool IsIncidentId(string id) => TrackingCode.TryParse(id, out var code) && code.Value == id;

    internal static async Task<(IncidentView? Incident, IResult? Problem)> Visible(string id, HttpContext http, IClusterClient cluster)
    {
        var actor = http.User.ToActor();
        if (actor is null) return (null, Problems.Forbidden("The token names no usable role with its commune or agency."));
        if (!IsIncidentId(id)) return (null, Problems.NotFound($"No incident {id}."));
        var incident = await cluster.GetGrain<IIncidentGrain>(id).Get();
        if (incident is null) return (null, Problems.NotFound($"No incident {id}."));
        if (!IncidentAccess.CanSee(actor, incident.Commune, incident.Agency))
            return (null, Problems.Forbidden($"Incident {id} is outside your {(actor.Role == ActorRole.AgencyStaff ? "agency" : "commune")}."));
        return (incident, null);
    }
}
