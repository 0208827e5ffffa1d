using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>Issue 14 over HTTP: honest outcomes on the tracking page, and the citizen's one rating after resolution.</summary>
[Collection(SystemCollection.Name)]
public class RatingTests(SystemFixture system)
{
    private static void AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private static void AssertNamesField(HttpResponseMessage response, JsonElement problem, string field)
    {
        AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    private async Task<(string Id, HttpClient Staff)> Started()
    {
        var id = await Api.FileReport(system.Http, Reports.DaiSon);
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        var staff = await system.ClientFor("AgencyStaff", agency: "urenco");
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(officer, $"/api/incidents/{id}/acknowledge", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{id}/start", null)).Response.StatusCode);
        return (id, staff);
    }

    [Fact]
    public async Task A_rating_is_refused_before_resolution_recorded_once_after_it_and_the_tracking_view_tells_the_true_outcome()
    {
        var (id, staffClient) = await Started();
        using var staff = staffClient;

        var (early, earlyProblem) = await Api.Post(system.Http, $"/api/track/{id}/rating", new { stars = 5 });
        AssertProblem(early, HttpStatusCode.Conflict);
        Assert.Contains("resolved or closed", earlyProblem.GetProperty("detail").GetString());
        var (_, open) = await Api.Get(system.Http, $"/api/track/{id}");
        Assert.Equal((JsonValueKind.Null, false, false), (open.GetProperty("outcome").ValueKind, open.GetProperty("canRate").GetBoolean(), open.GetProperty("canReopen").GetBoolean()));

        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{id}/resolve",
            new { outcome = "not_fixed", reason = "Bãi đất thuộc doanh nghiệp tư nhân", note = "Đã đề nghị chủ đất dọn" })).Response.StatusCode);
        var (_, resolved) = await Api.Get(system.Http, $"/api/track/{id}");
        Assert.Equal(("not_fixed", "Bãi đất thuộc doanh nghiệp tư nhân Đã đề nghị chủ đất dọn", true, true),
            (resolved.GetProperty("outcome").GetString(), resolved.GetProperty("resolutionNote").GetString(),
             resolved.GetProperty("canRate").GetBoolean(), resolved.GetProperty("canReopen").GetBoolean()));
        Assert.Equal(JsonValueKind.String, resolved.GetProperty("resolvedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, resolved.GetProperty("rating").ValueKind);

        foreach (var (bad, field) in new (object, string)[]
                 {
                     (new { stars = 0 }, "stars"), (new { stars = 6 }, "stars"), (new { comment = "no stars" }, "stars"),
                     (new { stars = 3, comment = new string('x', 1001) }, "comment"),
                 })
        {
            var (response, problem) = await Api.Post(system.Http, $"/api/track/{id}/rating", bad);
            AssertNamesField(response, problem, field);
        }

        var (rated, view) = await Api.Post(system.Http, $"/api/track/{id}/rating", new { stars = 2, comment = "Chưa giải quyết được gì" });
        Assert.Equal(HttpStatusCode.OK, rated.StatusCode);
        Assert.Equal((2, "Chưa giải quyết được gì", false), (view.GetProperty("rating").GetProperty("stars").GetInt32(),
            view.GetProperty("rating").GetProperty("comment").GetString(), view.GetProperty("canRate").GetBoolean()));
        Assert.Equal("Rated", view.GetProperty("history").EnumerateArray().Last().GetProperty("type").GetString());

        var (again, againProblem) = await Api.Post(system.Http, $"/api/track/{id}/rating", new { stars = 5 });
        AssertProblem(again, HttpStatusCode.Conflict);
        Assert.Contains("already rated", againProblem.GetProperty("detail").GetString());
        var (_, after) = await Api.Get(system.Http, $"/api/track/{id}");
        Assert.Equal(2, after.GetProperty("rating").GetProperty("stars").GetInt32());

        // The rating reaches the SLA report and the supervisor's dashboard in the same commit as the event.
        using var supervisor = await system.ClientFor("Supervisor");
        var (_, sla) = await Api.Get(supervisor, "/api/reports/sla?groupBy=agency");
        var urenco = sla.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "urenco");
        Assert.True(urenco.GetProperty("satisfaction").GetProperty("ratings").GetInt64() >= 1);
        Assert.True(urenco.GetProperty("resolvedByOutcome").GetProperty("notFixed").GetInt64() >= 1);
        var (_, dashboard) = await Api.Get(supervisor, "/api/dashboard");
        foreach (var (group, key) in new[] { ("byCommune", Reports.DaiSon), ("byAgency", "urenco"), ("byCategory", "garbage_dumping") })
            Assert.Contains(dashboard.GetProperty("satisfaction").GetProperty(group).EnumerateArray(), g => g.GetProperty("key").GetString() == key);
        using var csv = await supervisor.GetAsync("/api/reports/sla?groupBy=agency&format=csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Số sao trung bình", await csv.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Not_responsible_must_name_the_body_and_the_tracking_view_shows_it()
    {
        var (id, staffClient) = await Started();
        using var staff = staffClient;

        var (missing, problem) = await Api.Post(staff, $"/api/incidents/{id}/resolve", new { outcome = "not_responsible" });
        AssertNamesField(missing, problem, "referredTo");
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{id}/resolve",
            new { outcome = "not_responsible", referredTo = "Công ty Nước sạch Bắc Giang", photoUrl = "https://example.org/after.jpg" })).Response.StatusCode);

        var (_, tracked) = await Api.Get(system.Http, $"/api/track/{id}");
        Assert.Equal(("not_responsible", "Công ty Nước sạch Bắc Giang", "https://example.org/after.jpg"),
            (tracked.GetProperty("outcome").GetString(), tracked.GetProperty("referredTo").GetString(), tracked.GetProperty("resolutionPhotoUrl").GetString()));
        Assert.False(tracked.TryGetProperty("report", out _));

        Assert.Equal(HttpStatusCode.NotFound, (await Api.Post(system.Http, "/api/track/BG-2222-2222/rating", new { stars = 4 })).Response.StatusCode);
    }
}
