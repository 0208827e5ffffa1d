using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.FieldDispatch;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Api.Apis;

public sealed record AssignCrewRequest(string? CrewId);
public sealed record CrewStatusRequest(string? Status, string? Reason);
public sealed record CrewPositionRequest(double? Lat, double? Lon, string? At);

/// <summary>A crew after a change, and where the one who asked may take it next.</summary>
public sealed record CrewAnswer(CrewView Crew, IReadOnlyList<string> AllowedNext, IncidentView? Incident = null);

/// <summary>The signed-in crew member's crew and the job it holds (the crew page).</summary>
public sealed record MyCrew(CrewView Crew, IReadOnlyList<string> AllowedNext, IncidentView? Job);

public sealed record CrewSuggestionItem(int Rank, CrewView Crew, double? DistanceMetres, string Position, bool Busy);

public sealed record CrewSuggestions(string IncidentId, bool Located, IReadOnlyList<CrewSuggestionItem> Items);

/// <summary>Field dispatch (docs/dispatch.md): agencies' crew boards, suggestions, assignment, and the crew page's calls.</summary>
public static class CrewsApi
{
    public static IEndpointRouteBuilder MapCrewsApi(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").WithTags("Crews").RequireAuthorization(AuthSetup.StaffPolicy);
        staff.MapGet("/crews", ListCrews).WithName("ListCrews").RecordsPersonalDataAccess("crews.read")
            .WithSummary("Crews with status and last position: an agency's own staff see its crews, province staff every agency's (agency= narrows).");
        staff.MapGet("/incidents/{id}/crew-suggestions", Suggest).WithName("SuggestCrews")
            .WithSummary("The incident's agency's crews, nearest available first, by straight-line distance and load.");
        staff.MapPost("/incidents/{id}/assign-crew", Assign).WithName("AssignCrew").Accepts<AssignCrewRequest>("application/json")
            .Produces<CrewAnswer>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        staff.MapGet("/me/crew", Mine).WithName("MyCrew").WithSummary("The signed-in member's crew and its current job.");
        staff.MapPost("/crews/{crewId}/accept", (string crewId, HttpContext http, IClusterClient cluster, ReferenceData reference) =>
            OnCrew(crewId, http, cluster, reference, (grain, actor) => grain.Accept(crewId, actor))).WithName("AcceptJob").Produces<CrewAnswer>();
        staff.MapPost("/crews/{crewId}/status", SetStatus).WithName("SetCrewStatus").Accepts<CrewStatusRequest>("application/json").Produces<CrewAnswer>();
        staff.MapPost("/crews/{crewId}/resolve", Resolve).WithName("ResolveCrewJob").Accepts<ResolveRequest>("application/json").Produces<CrewAnswer>();
        staff.MapPost("/crews/{crewId}/position", Position).WithName("ReportCrewPosition").Accepts<CrewPositionRequest>("application/json").Produces<CrewAnswer>();
        return app;
    }

    private static async Task<IResult> ListCrews(string? agency, HttpContext http, IClusterClient cluster, ReferenceData reference)
    {
        if (http.User.ToActor() is not { } actor) return NoRole();
        string? commune = null;
        if (Scope.Narrow(actor, ref commune, ref agency) is { } refusal) return Problems.Forbidden(refusal);
        if (actor.Role == ActorRole.CommuneOfficer) return Problems.Forbidden("Crews are their agencies' and the province's to see.");
        if (agency is not null && !reference.Agencies.ContainsKey(agency)) return Problems.Invalid("agency", $"'{agency}' is not an agency code");
        IEnumerable<string> agencies = agency is null ? reference.SampleCrews.Select(c => c.Agency).Distinct().Order(StringComparer.Ordinal) : [agency];
        var boards = await Task.WhenAll(agencies.Select(a => cluster.GetGrain<IAgencyGrain>(a).GetCrews()));
        return TypedResults.Ok(boards.SelectMany(b => b).ToList());
    }

    private static async Task<IResult> Suggest(string id, HttpContext http, IClusterClient cluster, IClock clock, IOptions<DispatchOptions> options)
    {
        var (incident, problem) = await IncidentsApi.Visible(id, http, cluster);
        if (problem is not null) return problem;
        if (incident!.Agency is not { } agency) return Problems.Conflict($"Incident {id} has no agency yet: route it to one before sending a crew.");
        var crews = await cluster.GetGrain<IAgencyGrain>(agency).GetCrews();
        var byId = crews.ToDictionary(c => c.CrewId, StringComparer.Ordinal);
        if (incident.Report.Location is not { } place)
        {
            // Without a place there is no distance: available crews first, then busy ones, as the ranking would.
            var unplaced = crews.Where(c => c.Status != CrewStatus.OutOfService)
                .OrderBy(c => c.Status != CrewStatus.Available).ThenBy(c => c.CrewId, StringComparer.Ordinal)
                .Select((c, i) => new CrewSuggestionItem(i + 1, c, null, "unknown", c.Status != CrewStatus.Available)).ToList();
            return TypedResults.Ok(new CrewSuggestions(id, false, unplaced));
        }
        var ranked = FieldDispatch.CrewSuggestions.Rank(place, crews.Select(c => c.ToSnapshot()), clock.GetCurrentInstant(), options.Value);
        return TypedResults.Ok(new CrewSuggestions(id, true, ranked.Select(s => new CrewSuggestionItem(
            s.Rank, byId[s.Crew.CrewId], s.DistanceMetres is { } d ? Math.Round(d) : null, s.Position.ToString().ToLowerInvariant(), s.Busy)).ToList()));
    }

    private static async Task<IResult> Assign(string id, HttpRequest request, IClusterClient cluster, ReferenceData reference)
    {
        if (request.HttpContext.User.ToActor() is not { } actor) return NoRole();
        if (!IncidentsApi.IsIncidentId(id)) return Problems.NotFound($"No incident {id}.");
        var body = await JsonBody.ReadAsync<AssignCrewRequest>(request);
        if (body.Error is not null) return body.Error;
        if (string.IsNullOrWhiteSpace(body.Value?.CrewId)) return Problems.Invalid("crewId", "is required: the crew to send");
        if (Crew(reference, body.Value.CrewId) is not { } crew) return Problems.Invalid("crewId", $"'{body.Value.CrewId}' is not a crew");
        var result = await cluster.GetGrain<IAgencyGrain>(crew.Agency).Assign(crew.CrewId, id, actor);
        return await Answer(result, cluster, result.IncidentId);
    }

    private static async Task<IResult> Mine(HttpContext http, IClusterClient cluster, ReferenceData reference)
    {
        if (http.User.ToActor() is not { } actor) return NoRole();
        if (reference.SampleCrews.FirstOrDefault(c => CrewActors.IsMember(actor, c)) is not { } crew)
            return Problems.NotFound($"{actor.Id} rides no crew.");
        var view = (await cluster.GetGrain<IAgencyGrain>(crew.Agency).GetCrews()).Single(c => c.CrewId == crew.CrewId);
        var job = view.Job is { } incident ? await cluster.GetGrain<IIncidentGrain>(incident).Get() : null;
        return TypedResults.Ok(new MyCrew(view, Names(CrewStatusRules.NextFor(view.Status, CrewActor.Crew)), job));
    }

    private static async Task<IResult> SetStatus(string crewId, HttpRequest request, IClusterClient cluster, ReferenceData reference)
    {
        var body = await JsonBody.ReadAsync<CrewStatusRequest>(request);
        if (body.Error is not null) return body.Error;
        if (!CrewStatusText.TryParse(body.Value?.Status, out var next))
            return Problems.Invalid("status", "is required: available, en_route, on_scene or out_of_service");
        return await OnCrew(crewId, request.HttpContext, cluster, reference, (grain, actor) => grain.Move(crewId, next, body.Value!.Reason, actor));
    }

    private static async Task<IResult> Resolve(string crewId, HttpRequest request, IClusterClient cluster, ReferenceData reference, PhotoStore photos, IClock clock)
    {
        var body = await JsonBody.ReadAsync<ResolveRequest>(request);
        if (body.Error is not null) return body.Error;
        var built = IncidentsApi.Resolve(body.Value);
        if (built.Problem is not null) return built.Problem;
        var resolve = (Resolve)built.Value!;
        if (await IncidentsApi.ClaimPhoto(resolve, photos, clock, request.HttpContext.RequestAborted) is { } unknownPhoto) return unknownPhoto;
        return await OnCrew(crewId, request.HttpContext, cluster, reference, (grain, actor) => grain.Resolve(crewId, resolve, actor));
    }

    private static async Task<IResult> Position(string crewId, HttpRequest request, IClusterClient cluster, ReferenceData reference, IClock clock)
    {
        var body = await JsonBody.ReadAsync<CrewPositionRequest>(request);
        if (body.Error is not null) return body.Error;
        if (body.Value?.Lat is not { } lat) return Problems.Invalid("lat", "is required");
        if (body.Value.Lon is not { } lon) return Problems.Invalid("lon", "is required");
        // A fix without a time is taken as of now; one with a time is checked against the position rules' window.
        var at = clock.GetCurrentInstant();
        if (body.Value.At is { } text)
        {
            if (PlausibleTime.ParseInstant(text) is not { } parsed)
                return Problems.Invalid("at", $"must be an ISO 8601 instant such as 2026-12-02T08:15:00Z, and {PlausibleTime.Rule}");
            at = parsed;
        }
        return await OnCrew(crewId, request.HttpContext, cluster, reference, (grain, actor) => grain.ReportPosition(crewId, lat, lon, at, actor), withIncident: false);
    }

    private static async Task<IResult> OnCrew(string crewId, HttpContext http, IClusterClient cluster, ReferenceData reference,
        Func<IAgencyGrain, Actor, Task<CrewResult>> act, bool withIncident = true)
    {
        if (http.User.ToActor() is not { } actor) return NoRole();
        if (Crew(reference, crewId) is not { } crew) return Problems.NotFound($"No crew {crewId}.");
        var result = await act(cluster.GetGrain<IAgencyGrain>(crew.Agency), actor);
        return await Answer(result, cluster, withIncident ? result.IncidentId : null);
    }

    /// <summary>The crew as it now is (and its incident, when there is one to show), or the refusal as problem+json.</summary>
    private static async Task<IResult> Answer(CrewResult result, IClusterClient cluster, string? incidentId)
    {
        if (result.Incident is { } incidentRefusal) return Problems.From(incidentRefusal);
        switch (result.Kind)
        {
            case CommandResultKind.Done:
                var incident = incidentId is not null && IncidentsApi.IsIncidentId(incidentId) ? await cluster.GetGrain<IIncidentGrain>(incidentId).Get() : null;
                return TypedResults.Ok(new CrewAnswer(result.Crew!, Names(result.AllowedNext), incident));
            case CommandResultKind.NotFound:
                return Problems.NotFound(result.Message ?? "No such crew.");
            case CommandResultKind.Forbidden:
                return Problems.Forbidden(result.Message ?? "Not allowed.");
            case CommandResultKind.Invalid:
                return Problems.Invalid(result.Field ?? "body", result.Message ?? "Invalid.");
            default:
                var crew = result.Crew!;
                return Problems.Conflict(result.Message ?? "The crew cannot do that now.", new Dictionary<string, object?>
                {
                    ["crewId"] = crew.CrewId,
                    ["crewStatus"] = CrewStatusText.Of(crew.Status),
                    ["job"] = crew.Job,
                    ["allowedNext"] = Names(result.AllowedNext),
                });
        }
    }

    private static Crew? Crew(ReferenceData reference, string crewId) => reference.SampleCrews.FirstOrDefault(c => c.CrewId == crewId);

    private static IReadOnlyList<string> Names(IEnumerable<CrewStatus> statuses) => statuses.Select(CrewStatusText.Of).ToList();

    private static IResult NoRole() => Problems.Forbidden("The token names no usable role with its commune or agency.");
}
