using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Api.Apis;

/// <summary>The working lists, from the read model: a commune's inbox, an agency's queue, the province's triage desk.</summary>
public static class ListsApi
{
    public static IEndpointRouteBuilder MapListsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Lists").RequireAuthorization(AuthSetup.StaffPolicy);
        api.MapGet("/communes/{code}/inbox", (string code, HttpContext http, IncidentQueries queries, CancellationToken ct) =>
                List(http, actor => Scope.MayFollowCommune(actor, code),
                    $"This inbox belongs to commune {code}.", () => queries.Inbox(code, ct)))
            .WithName("GetCommuneInbox").Produces<IncidentList>();
        api.MapGet("/agencies/{code}/queue", (string code, HttpContext http, IncidentQueries queries, CancellationToken ct) =>
                List(http, actor => Scope.MayFollowAgency(actor, code),
                    $"This queue belongs to agency {code}.", () => queries.Queue(code, ct)))
            .WithName("GetAgencyQueue").Produces<IncidentList>();
        api.MapGet("/triage", (HttpContext http, IncidentQueries queries, CancellationToken ct) =>
                List(http, actor => actor.IsProvinceWide, "Triage is for provincial supervisors.", () => queries.Triage(ct)))
            .WithName("GetTriageQueue").Produces<IncidentList>();
        return app;
    }

    private static async Task<IResult> List(HttpContext http, Func<Actor, bool> mayRead, string refusal, Func<Task<IncidentList>> read)
    {
        var actor = http.User.ToActor();
        if (actor is null || !mayRead(actor)) return Problems.Forbidden(refusal);
        return TypedResults.Ok(await read());
    }
}
