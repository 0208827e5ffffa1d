using System.Text;
using BacGiang.Incidents.Api.Auth;
using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using NodaTime;

namespace BacGiang.Incidents.Api.Apis;

/// <summary>
/// Supervisors' audit: the escalation records (JSON or CSV) and SLA compliance by commune, agency or category.
/// Supervisors see the province; a commune officer only their commune, agency staff only their agency.
/// </summary>
public static class AuditApi
{
    public const int MaxJsonRows = 10_000;
    public const int MaxCsvRows = 1_000_000;

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/audit/escalations", Escalations).WithTags("Audit").RequireAuthorization(AuthSetup.StaffPolicy).RecordsPersonalDataAccess("audit.escalations", whenAsked: true)
            .WithName("AuditEscalations").Produces<IReadOnlyList<EscalationRecordView>>().Produces(200, contentType: "text/csv")
            .WithSummary("Fired escalation steps; filters from, to (firing time), commune, agency, category, level, kind; sort=lateness; CSV with Accept: text/csv or format=csv.");
        app.MapGet("/api/reports/sla", Sla).WithTags("Audit").RequireAuthorization(AuthSetup.StaffPolicy)
            .WithName("SlaReport").Produces<SlaReportResult>().Produces(200, contentType: "text/csv")
            .WithSummary("SLA compliance, resolutions by outcome and citizens' satisfaction of the incidents reported in [from, to), grouped by commune, agency or category; CSV with Accept: text/csv or format=csv.");
        app.MapGet("/api/dashboard", async (HttpContext http, Dashboard dashboard, CancellationToken ct) =>
                http.User.ToActor() is { IsProvinceWide: true } ? Results.Ok(await dashboard.Get(ct)) : Problems.Forbidden("The province dashboard is for supervisors."))
            .WithTags("Audit").RequireAuthorization(AuthSetup.StaffPolicy).WithName("ProvinceDashboard").Produces<DashboardView>()
            .WithSummary("Open incidents by commune and category with overdue and escalated counts, and the located ones for a map.");
        app.MapGet("/api/audit/access", Access).WithTags("Audit").RequireAuthorization(AuthSetup.AdminPolicy).WithName("PersonalDataAccessLog")
            .Produces<IReadOnlyList<AccessEntry>>()
            .WithSummary("Who read which incident's personal data, searched or exported, and when; newest first (admins only).");
        return app;
    }

    private static async Task<IResult> Access(HttpContext http, AccessLog log, IClock clock, CancellationToken ct)
    {
        var q = new QueryParameters(http.Request.Query);
        var now = clock.GetCurrentInstant();
        var from = q.Time("from", endOfDay: false);
        var to = q.Time("to", endOfDay: true);
        q.CheckPeriod(from, to);
        var limit = q.Int("limit", 500, 1, MaxJsonRows);
        if (!q.Valid) return Problems.Invalid(q.Errors);
        var until = to ?? now + Duration.FromMinutes(1);
        return TypedResults.Ok(await log.Find(q.Text("staff"), q.Text("incident"), from ?? until - Duration.FromDays(31), until, limit, ct));
    }

    private static async Task<IResult> Escalations(HttpContext http, EscalationAudit audit, ReferenceData reference, IClock clock, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (actor is null) return Problems.Forbidden("Not allowed.");
        var q = new QueryParameters(http.Request.Query);
        var csv = q.OneOf("format", "json", "csv") is { } format
            ? format == "csv"
            : http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        var commune = q.Text("commune");
        var agency = q.Text("agency");
        var from = q.Time("from", endOfDay: false);
        var to = q.Time("to", endOfDay: true);
        q.CheckPeriod(from, to);
        var kind = q.Names<EscalationKind>("kind") switch { [] => (EscalationKind?)null, [var k] => k, _ => Fail(q, "kind", "give one kind") };
        var filter = new EscalationFilter
        {
            From = from,
            To = to,
            Category = q.Text("category"),
            Level = q.Text("level") is null ? null : q.Int("level", 0, 1, 20),
            Kind = kind,
            ByLateness = q.OneOf("sort", "fired_at", "lateness") == "lateness",
            Limit = q.Int("limit", csv ? MaxCsvRows : 500, 1, csv ? MaxCsvRows : MaxJsonRows),
            Offset = q.Int("offset", 0, 0, int.MaxValue),
        };
        if (!q.Valid) return Problems.Invalid(q.Errors);
        if (Scope.Narrow(actor, ref commune, ref agency) is { } refusal) return Problems.Forbidden(refusal);
        var rows = audit.Find(filter with { Commune = commune, Agency = agency }, ct);
        if (!csv) return TypedResults.Ok(await ToList(rows, ct));

        var day = clock.GetCurrentInstant().InZone(ReferenceData.Zone).Date;
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"escalations-{day:yyyy-MM-dd}.csv\"";
        // The byte order mark is what makes Excel read the file as UTF-8 instead of mangling Vietnamese.
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        await EscalationCsv.Write(writer, rows, reference, ct);
        return TypedResults.Empty;
    }

    private static async Task<IResult> Sla(HttpContext http, SlaReport report, ReferenceData reference, IClock clock, CancellationToken ct)
    {
        var actor = http.User.ToActor();
        if (actor is null) return Problems.Forbidden("Not allowed.");
        var q = new QueryParameters(http.Request.Query);
        var csv = q.OneOf("format", "json", "csv") is { } format
            ? format == "csv"
            : http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("text/csv", StringComparison.OrdinalIgnoreCase));
        var groupBy = q.OneOf("groupBy", "commune", "agency", "category") switch
        {
            "agency" => SlaGrouping.Agency,
            "category" => SlaGrouping.Category,
            _ => SlaGrouping.Commune,
        };
        var commune = q.Text("commune");
        var agency = q.Text("agency");
        // Without a period: the current month so far, in Vietnam's calendar.
        var today = clock.GetCurrentInstant().InZone(ReferenceData.Zone).Date;
        var from = q.Time("from", endOfDay: false) ?? today.With(DateAdjusters.StartOfMonth).AtStartOfDayInZone(ReferenceData.Zone).ToInstant();
        var to = q.Time("to", endOfDay: true) ?? today.PlusDays(1).AtStartOfDayInZone(ReferenceData.Zone).ToInstant();
        q.CheckPeriod(from, to);
        if (!q.Valid) return Problems.Invalid(q.Errors);
        if (Scope.Narrow(actor, ref commune, ref agency) is { } refusal) return Problems.Forbidden(refusal);
        var result = await report.Run(new SlaReportQuery(groupBy, from, to, commune, agency), (g, key) => Names.Of(reference, g, key), ct);
        if (!csv) return TypedResults.Ok(result);

        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"sla-{ReadModelNames.Of(groupBy)}-{today:yyyy-MM-dd}.csv\"";
        await using var writer = new StreamWriter(http.Response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true)) { NewLine = "\r\n" };
        await SlaCsv.Write(writer, result);
        return TypedResults.Empty;
    }

    private static EscalationKind? Fail(QueryParameters q, string field, string message)
    {
        q.Fail(field, message);
        return null;
    }

    private static async Task<List<T>> ToList<T>(IAsyncEnumerable<T> items, CancellationToken ct)
    {
        var list = new List<T>();
        await foreach (var item in items.WithCancellation(ct)) list.Add(item);
        return list;
    }
}
