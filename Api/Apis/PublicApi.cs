using BacGiang.Incidents.Api.Infrastructure;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using NodaTime;

namespace BacGiang.Incidents.Api.Apis;

/// <summary>
/// One commune's, agency's or category's public figures for a period: counts and rates, nothing about anyone. On time
/// counts only what was fixed by its deadline (SlaReport); satisfaction is the citizens' ratings (4–5 stars satisfied).
/// </summary>
public sealed record PublicFigures(
    string? Code, string? Name, long Incidents, long Resolved, ResolvedByOutcome ResolvedByOutcome,
    double? AcknowledgedOnTimePercent, double? ResolvedOnTimePercent, Satisfaction Satisfaction);

public sealed record PublicPeriod(int Days, Instant From, Instant To,
    IReadOnlyList<PublicFigures> ByCommune, IReadOnlyList<PublicFigures> ByAgency, IReadOnlyList<PublicFigures> ByCategory);

public sealed record TransparencyView(Instant AsOf, IReadOnlyList<PublicPeriod> Periods, double CellDegrees, IReadOnlyList<IncidentCell> OpenCells);

/// <summary>
/// The public transparency page's data (issue 14): how each commune and agency keeps its deadlines over the last 30
/// and 90 days, counts by category, and open incidents on a coarse grid. No sign-in, no personal data; the same
/// SLA report the province's supervisors read, reduced to its public figures; computed at most every few minutes.
/// </summary>
public static class PublicApi
{
    public static readonly int[] PeriodDays = [30, 90];
    private static readonly Duration CacheFor = Duration.FromMinutes(5);

    public static IEndpointRouteBuilder MapPublicApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/public/transparency", Get).WithTags("Public").AllowAnonymous().RequireRateLimiting(RateLimits.PublicRead)
            .WithName("GetTransparency").Produces<TransparencyView>()
            .WithSummary("On-time rates per commune and agency for the last 30 and 90 days, counts by category, open incidents per 500 m cell.");
        return app;
    }

    private static async Task<IResult> Get(HttpContext http, TransparencyCache cache, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = $"public, max-age={(int)CacheFor.TotalSeconds}";
        return TypedResults.Ok(await cache.Get(ct));
    }

    public sealed class TransparencyCache(SlaReport report, OpenIncidentCells cells, ReferenceData reference, IClock clock)
    {
        private readonly SemaphoreSlim computing = new(1, 1);
        private TransparencyView? last;

        public async Task<TransparencyView> Get(CancellationToken ct)
        {
            if (Fresh(last) is { } view) return view;
            await computing.WaitAsync(ct);
            try
            {
                return Fresh(last) ?? (last = await Compute(ct));
            }
            finally
            {
                computing.Release();
            }
        }

        private TransparencyView? Fresh(TransparencyView? view) => view is not null && clock.GetCurrentInstant() - view.AsOf < CacheFor ? view : null;

        private async Task<TransparencyView> Compute(CancellationToken ct)
        {
            var now = clock.GetCurrentInstant();
            var periods = new List<PublicPeriod>();
            foreach (var days in PeriodDays)
            {
                var from = now - Duration.FromDays(days);
                async Task<IReadOnlyList<PublicFigures>> By(SlaGrouping grouping) =>
                    (await report.Run(new SlaReportQuery(grouping, from, now, null, null), (g, key) => Names.Of(reference, g, key), ct)).Rows
                    .Select(r => new PublicFigures(r.Key, r.Name, r.Incidents, r.Resolved, r.ResolvedByOutcome,
                        r.AcknowledgedWithinSlaPercent, r.ResolvedWithinSlaPercent, r.Satisfaction)).ToList();
                periods.Add(new PublicPeriod(days, from, now, await By(SlaGrouping.Commune), await By(SlaGrouping.Agency), await By(SlaGrouping.Category)));
            }
            return new TransparencyView(now, periods, OpenIncidentCells.CellDegrees, await cells.Count(ct));
        }
    }
}
