using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

[Collection(SystemCollection.Name)]
public class AccessAndErrorTests(SystemFixture system)
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

    [Fact]
    public async Task An_officer_of_another_commune_gets_403_on_the_incident_its_timeline_and_the_inbox()
    {
        var id = await Api.FileReport(system.Http, Reports.DaiSon);
        using var stranger = await system.ClientFor("CommuneOfficer", commune: Reports.SonDong);
        using var otherAgency = await system.ClientFor("AgencyStaff", agency: "power");

        AssertProblem((await Api.Get(stranger, $"/api/incidents/{id}")).Response, HttpStatusCode.Forbidden);
        AssertProblem((await Api.Get(stranger, $"/api/incidents/{id}/timeline")).Response, HttpStatusCode.Forbidden);
        AssertProblem((await Api.Get(stranger, $"/api/communes/{Reports.DaiSon}/inbox")).Response, HttpStatusCode.Forbidden);
        AssertProblem((await Api.Post(stranger, $"/api/incidents/{id}/acknowledge", null)).Response, HttpStatusCode.Forbidden);
        AssertProblem((await Api.Get(otherAgency, $"/api/incidents/{id}")).Response, HttpStatusCode.Forbidden);
        AssertProblem((await Api.Get(otherAgency, "/api/agencies/urenco/queue")).Response, HttpStatusCode.Forbidden);
        AssertProblem((await Api.Get(stranger, "/api/triage")).Response, HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Http.GetAsync($"/api/incidents/{id}")).StatusCode);

        using var supervisor = await system.ClientFor("Supervisor");
        Assert.Equal(HttpStatusCode.OK, (await Api.Get(supervisor, $"/api/incidents/{id}")).Response.StatusCode);
        Assert.Equal("assigned", (await Api.Get(supervisor, $"/api/incidents/{id}")).Body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/api/incidents?from=0001-01-01", "from")]
    [InlineData("/api/incidents?to=9999-12-31", "to")]
    [InlineData("/api/incidents?from=0001-01-01T00:00:00Z", "from")]
    [InlineData("/api/audit/escalations?to=9999-12-31", "to")]
    [InlineData("/api/audit/escalations?from=1900-01-01T00:00:00Z", "from")]
    [InlineData("/api/reports/sla?to=9999-12-31", "to")]
    [InlineData("/api/reports/sla?from=0001-01-01", "from")]
    public async Task A_date_outside_2000_to_2099_in_a_query_is_a_400_naming_the_field_not_a_500(string path, string field)
    {
        using var supervisor = await system.ClientFor("Supervisor");
        var (response, problem) = await Api.Get(supervisor, path);
        AssertNamesField(response, problem, field);
    }

    [Theory]
    [InlineData("/index.html")]
    [InlineData("/api/reference")]
    [InlineData("/api/incidents/BG-AAAA-AAAA")]
    [InlineData("/open311/v2/services.json")]
    public async Task Every_response_forbids_sniffing_framing_and_referrers(string path)
    {
        using var response = await system.Http.GetAsync(path);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Contains("frame-ancestors 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task A_report_without_a_category_is_a_400_naming_the_field()
    {
        var (response, problem) = await Api.Post(system.Http, "/api/reports", new { description = "Đèn đường hỏng", communeCode = Reports.DaiSon });
        AssertNamesField(response, problem, "category");
    }

    [Fact]
    public async Task A_wrongly_typed_value_is_a_400_naming_the_field_not_a_500()
    {
        var (response, problem) = await Api.PostRaw(system.Http, "/api/reports",
            """{"category":"fire","description":"Cháy","lat":"not a number","lon":106.6}""");
        AssertNamesField(response, problem, "lat");
    }

    [Theory]
    [InlineData("""{"category":"fire","description":"Cháy","lat":21.3}""", "lon")]
    [InlineData("""{"category":"fire","description":"Cháy","lat":121.3,"lon":106.6}""", "lat")]
    [InlineData("""{"category":"volcano","description":"Núi lửa"}""", "category")]
    [InlineData("""{"category":"fire","description":"Cháy","communeCode":"07201"}""", "communeCode")]
    [InlineData("""{"category":"fire","description":"Cháy","communeCode":"213"}""", "communeCode")]
    [InlineData("""{"category":"fire","description":"Cháy","photos":["file:///etc/passwd"]}""", "photos[0]")]
    [InlineData("""{"category":"fire","description":"Cháy","reporter":{"phone":"12345"}}""", "reporter.phone")]
    [InlineData("""{"category":"fire","description":""}""", "description")]
    [InlineData("""{"category":"fire","description":"Cháy",""", "body")]
    public async Task Bad_reports_are_400_problems_naming_the_field(string json, string field)
    {
        var (response, problem) = await Api.PostRaw(system.Http, "/api/reports", json);
        AssertNamesField(response, problem, field);
    }

    [Fact]
    public async Task An_abolished_commune_code_is_explained()
    {
        var (_, problem) = await Api.PostRaw(system.Http, "/api/reports", """{"category":"fire","description":"Cháy","communeCode":"07201"}""");
        Assert.Contains("Phường Thọ Xương", problem.GetProperty("errors").GetProperty("communeCode")[0].GetString());
    }

    [Fact]
    public async Task An_illegal_transition_is_a_409_naming_the_status_and_the_allowed_actions()
    {
        var id = await Api.FileReport(system.Http, Reports.DaiSon);
        using var staff = await system.ClientFor("AgencyStaff", agency: "urenco");

        var (response, problem) = await Api.Post(staff, $"/api/incidents/{id}/close", null);

        AssertProblem(response, HttpStatusCode.Conflict);
        Assert.Equal("assigned", problem.GetProperty("currentStatus").GetString());
        Assert.Equal(["acknowledge", "dispatch", "return_to_triage", "reject", "add_note", "merge", "split"], problem.GetProperty("allowedActions").EnumerateArray().Select(a => a.GetString()));
        using var supervisor = await system.ClientFor("Supervisor");
        Assert.Equal(2, (await Api.Get(supervisor, $"/api/incidents/{id}")).Body.GetProperty("lastSeq").GetInt32());
    }

    [Fact]
    public async Task Unknown_incidents_and_codes_are_404_or_400_problems()
    {
        using var supervisor = await system.ClientFor("Supervisor");
        AssertProblem((await Api.Get(supervisor, "/api/incidents/BG-2222-2222")).Response, HttpStatusCode.NotFound);
        AssertProblem((await Api.Get(supervisor, "/api/incidents/not-a-code")).Response, HttpStatusCode.NotFound);
        AssertProblem((await Api.Get(system.Http, "/api/track/BG-2222-2222")).Response, HttpStatusCode.NotFound);
        var (bad, problem) = await Api.Get(system.Http, "/api/track/xyz");
        AssertNamesField(bad, problem, "trackingCode");
    }

    [Fact]
    public async Task A_resolution_without_its_outcome_is_a_400_naming_outcome()
    {
        var id = await Api.FileReport(system.Http, Reports.DaiSon);
        using var supervisor = await system.ClientFor("Supervisor");
        await Api.Post(supervisor, $"/api/incidents/{id}/acknowledge", null);
        await Api.Post(supervisor, $"/api/incidents/{id}/start", null);
        var (response, problem) = await Api.Post(supervisor, $"/api/incidents/{id}/resolve", new { note = "xong" });
        AssertNamesField(response, problem, "outcome");
        var (notFixed, why) = await Api.Post(supervisor, $"/api/incidents/{id}/resolve", new { outcome = "not_fixed" });
        AssertNamesField(notFixed, why, "reason");
    }
}
