using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;

namespace BacGiang.Incidents.Api.Apis;

/// <summary>GET /api/incidents: filters and cursor paging over the read model, scoped to what the caller may see.</summary>
public static class SearchApi
{
    public const int MaxLimit = 200;

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/incidents", Find).WithTags("Incidents").RequireAuthorization(AuthSetup.StaffPolicy).RecordsPersonalDataAccess("search", whenAsked: true)
            .WithName("FindIncidents").Produces<IncidentPage>()
            .WithSummary("Incidents by status, commune, agency, category, priority, escalation, period and free text; newest first.");
        return app;
    }

    private static async Task<IResult> Find(HttpContext http, IncidentSearch search, ReferenceData reference, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (actor is null) return Problems.Forbidden("Not allowed.");
        var q = new QueryParameters(http.Request.Query);
        var commune = q.Text("commune");
        var agency = q.Text("agency");
        var category = q.Text("category");
        if (category is not null && !reference.Categories.ContainsKey(category)) q.Fail("category", $"'{category}' is not a category");
        var from = q.Time("from", endOfDay: false);
        var to = q.Time("to", endOfDay: true);
        q.CheckPeriod(from, to);
        var cursor = q.Text("cursor");
        if (cursor is not null && !IncidentSearch.IsCursor(cursor)) q.Fail("cursor", "is not a cursor this API returned");
        var filter = new IncidentFilter
        {
            Statuses = q.Names<IncidentStatus>("status"),
            Priorities = q.List("priority").Select(p => Enum.TryParse<Priority>(p, out var value) && Enum.IsDefined(value) ? value : Invalid(q, p)).ToList(),
            Category = category,
            Escalated = q.Bool("escalated"),
            From = from,
            To = to,
            Text = q.Text("q"),
            Limit = q.Int("limit", 50, 1, MaxLimit),
            Cursor = cursor,
        };
        if (!q.Valid) return Problems.Invalid(q.Errors);
        if (Scope.Narrow(actor, ref commune, ref agency) is { } refusal) return Problems.Forbidden(refusal);
        return TypedResults.Ok(await search.Find(filter with { Commune = commune, Agency = agency }, ct));
    }

    private static Priority Invalid(QueryParameters q, string value)
    {
        q.Fail("priority", $"'{value}' is not one of P1, P2, P3, P4");
        return default;
    }
}
