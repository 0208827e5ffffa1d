using System.Diagnostics;
using System.Net;
using BacGiang.Incidents.Tests.Support;
using Xunit.Abstractions;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>The built processes exporting to a collector stand-in, with the silo's scrape listener on a port of its own.</summary>
public sealed class TelemetryFixture : SystemFixture
{
    public FakeOtlpCollector Collector { get; } = new();
    public int SiloMetricsPort { get; } = FreePort.Next();

    protected override string ServiceId => "bacgiang-incidents-telemetry";

    protected override void ConfigureSilo(Dictionary<string, string> silo)
    {
        Export(silo);
        silo["Telemetry__PrometheusPort"] = SiloMetricsPort.ToString();
    }

    protected override void ConfigureApi(Dictionary<string, string> api) => Export(api);

    /// <summary>To the stand-in, in batches a fraction of a second apart rather than the default five seconds.</summary>
    private void Export(Dictionary<string, string> process)
    {
        process["Telemetry__OtlpEndpoint"] = Collector.BaseUrl.ToString();
        process["OTEL_BSP_SCHEDULE_DELAY"] = "200";
        process["OTEL_METRIC_EXPORT_INTERVAL"] = "1000";
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Collector.Dispose();
    }
}

public class TelemetryTests(TelemetryFixture system, ITestOutputHelper log) : IClassFixture<TelemetryFixture>
{
    [Fact]
    public async Task One_report_is_one_trace_from_the_http_request_through_the_grains_to_postgresql()
    {
        // The caller's trace context is taken up: the trace id to look for is ours.
        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/reports") { Content = System.Net.Http.Json.JsonContent.Create(Api.GarbageReport()) };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        var response = await system.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);

        IReadOnlyList<FakeOtlpCollector.Span> Trace() => system.Collector.Spans.Where(s => s.TraceId == traceId).ToList();
        try
        {
            // Each process exports its spans in batches of its own: a child can reach the collector before its parent.
            await Eventually.True(() => Task.FromResult(HasEveryHop(Trace()) && Roots(Trace()) == 1),
                "spans from the API's request, a grain call in the silo and a PostgreSQL command under one trace id, in one tree");
        }
        finally
        {
            foreach (var s in Trace()) log.WriteLine($"{s.Service} | {s.Scope} | {s.Name} | parent {s.ParentSpanId}");
        }
        Assert.Equal(1, Roots(Trace()));
    }

    /// <summary>Spans whose parent is not in the trace: one when it is one tree (the request's, whose parent is the caller's).</summary>
    private static int Roots(IReadOnlyList<FakeOtlpCollector.Span> trace)
    {
        var ids = trace.Select(s => s.SpanId).ToHashSet();
        return trace.Count(s => !ids.Contains(s.ParentSpanId));
    }

    private static bool HasEveryHop(IReadOnlyList<FakeOtlpCollector.Span> trace) =>
        trace.Any(s => s.Service == "bacgiang-api" && s.Scope.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) && s.Name.Contains("/api/reports"))
        && trace.Any(s => s.Service == "bacgiang-silo" && s.Scope.StartsWith("Microsoft.Orleans", StringComparison.Ordinal) && s.Name.Contains("IncidentGrain"))
        && trace.Any(s => s.Scope == "Npgsql");

    [Fact]
    public async Task The_metrics_show_the_named_instruments_after_a_small_load_and_the_apis_scrape_is_for_admins_only()
    {
        for (var i = 0; i < 3; i++) await Api.FileReport(system.Http);
        using var admin = await system.ClientFor("Admin");
        using var supervisor = await system.ClientFor("Supervisor");

        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Http.GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/metrics")).StatusCode);
        var api = await admin.GetStringAsync("/metrics");
        Assert.Contains("http_server_request_duration_seconds", api);
        Assert.Contains("kestrel_active_connections", api);

        using var scraper = new HttpClient();
        var silo = "";
        // Labels come in the exporter's order (its scope labels among them): look for the channel's anywhere in the set.
        var appReports = new System.Text.RegularExpressions.Regex("incidents_reports_accepted_total\\{[^}]*channel=\"app\"[^}]*\\} [1-9]");
        try
        {
            await Eventually.True(async () => appReports.IsMatch(silo = await scraper.GetStringAsync($"http://127.0.0.1:{system.SiloMetricsPort}/metrics")),
                "the silo's scrape counting the app's reports", timeoutSeconds: 60);
        }
        finally
        {
            log.WriteLine(string.Join('\n', silo.Split('\n').Where(l => l.StartsWith("incidents_", StringComparison.Ordinal))));
        }
        Assert.Contains("incidents_projection_lag", silo);
        Assert.Contains("orleans_", silo);
        Assert.Contains("db_client_operation_duration", silo);
        Assert.True(system.Collector.MetricExports > 0, "the metrics were also sent to the collector");
    }

    [Fact]
    public async Task The_orleans_dashboard_is_served_to_admins_only()
    {
        using var admin = await system.ClientFor("Admin");
        using var supervisor = await system.ClientFor("Supervisor");

        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Http.GetAsync("/dashboard/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.GetAsync("/dashboard/")).StatusCode);
        var page = await admin.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.ToString());
        Assert.Contains("script-src 'self';", page.Headers.GetValues("Content-Security-Policy").Single());
    }

    [Fact]
    public async Task A_browser_opens_the_dashboard_with_an_http_only_cookie_only_an_admins_console_can_get()
    {
        using var admin = await system.ClientFor("Admin");
        using var supervisor = await system.ClientFor("Supervisor");
        Assert.Equal(HttpStatusCode.Forbidden, (await supervisor.PostAsync("/api/auth/dashboard-session", null)).StatusCode);

        var session = await admin.PostAsync("/api/auth/dashboard-session", null);
        Assert.Equal(HttpStatusCode.NoContent, session.StatusCode);
        var cookie = session.Headers.GetValues("Set-Cookie").Single();
        Assert.StartsWith("bg_dashboard=", cookie);
        foreach (var attribute in new[] { "path=/dashboard", "httponly", "samesite=strict", "expires=" })
            Assert.Contains(attribute, cookie, StringComparison.OrdinalIgnoreCase);

        // A browser: no Authorization header, only the cookie (which it sends to /dashboard and nowhere else).
        using var browser = new HttpClient { BaseAddress = system.Http.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        request.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.OK, (await browser.SendAsync(request)).StatusCode);
        using var elsewhere = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        elsewhere.Headers.Add("Cookie", cookie.Split(';')[0]);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.SendAsync(elsewhere)).StatusCode);

        // A supervisor's token in the cookie is still a supervisor's.
        var supervisorToken = supervisor.DefaultRequestHeaders.Authorization!.Parameter;
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/dashboard/");
        forged.Headers.Add("Cookie", $"bg_dashboard={supervisorToken}");
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.SendAsync(forged)).StatusCode);
    }
}
