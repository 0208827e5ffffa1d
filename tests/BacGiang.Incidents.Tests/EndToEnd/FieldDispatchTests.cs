using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>
/// Field dispatch over HTTP against the built processes: the concurrent assignment race, a crew's whole job, and bad
/// positions and status jumps refused with nothing stored. Crews are shared by the tests of this collection, so each
/// test uses its own crew and leaves it available.
/// </summary>
[Collection(SystemCollection.Name)]
public class FieldDispatchTests(SystemFixture system)
{
    private const string ProblemJson = "application/problem+json";

    private async Task<string> AcknowledgedGarbage()
    {
        var id = await Api.FileReport(system.Http);
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(officer, $"/api/incidents/{id}/acknowledge", null)).Response.StatusCode);
        return id;
    }

    private static async Task<JsonElement> Crew(HttpClient client, string crewId)
    {
        var (response, crews) = await Api.Get(client, "/api/crews?agency=urenco");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return crews.EnumerateArray().Single(c => c.GetProperty("crewId").GetString() == crewId);
    }

    /// <summary>Puts a crew back on the board as available, whatever an earlier (failed) test left it doing.</summary>
    private async Task Free(string crewId, string member)
    {
        using var dispatcher = await system.ClientFor("AgencyStaff", agency: "urenco", subject: "dispatcher-0");
        using var crewMember = await system.ClientFor("AgencyStaff", agency: "urenco", subject: member);
        var status = (await Crew(dispatcher, crewId)).GetProperty("status").GetString();
        var (client, reason) = status switch
        {
            "assigned" or "en_route" => (dispatcher, "Kiểm thử: thu hồi"),
            "on_scene" => (crewMember, (string?)null),
            "out_of_service" => (dispatcher, null),
            _ => (null, null),
        };
        if (client is null) return;
        var (response, body) = await Api.Post(client, $"/api/crews/{crewId}/status", new { status = "available", reason });
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToString());
    }

    private static async Task<IReadOnlyList<string>> Timeline(HttpClient client, string id) =>
        (await Api.Get(client, $"/api/incidents/{id}/timeline")).Body.EnumerateArray().Select(e => e.GetProperty("type").GetString()!).ToList();

    [Fact]
    public async Task Two_dispatchers_sending_the_same_crew_at_once_get_one_200_and_one_409_naming_the_crews_job()
    {
        using var first = await system.ClientFor("AgencyStaff", agency: "urenco", subject: "dispatcher-1");
        using var second = await system.ClientFor("AgencyStaff", agency: "urenco", subject: "dispatcher-2");
        await Free("urenco-qv-1", "a-urenco-staff-2");
        var a = await AcknowledgedGarbage();
        var b = await AcknowledgedGarbage();

        var both = await Task.WhenAll(
            Api.Post(first, $"/api/incidents/{a}/assign-crew", new { crewId = "urenco-qv-1" }),
            Api.Post(second, $"/api/incidents/{b}/assign-crew", new { crewId = "urenco-qv-1" }));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], both.Select(r => r.Response.StatusCode).Order());
        var won = both.Single(r => r.Response.StatusCode == HttpStatusCode.OK);
        var lost = both.Single(r => r.Response.StatusCode == HttpStatusCode.Conflict);
        var job = won.Body.GetProperty("crew").GetProperty("job").GetString()!;
        Assert.Equal(ProblemJson, lost.Response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(job, lost.Body.GetProperty("job").GetString());
        Assert.Contains(job, lost.Body.GetProperty("detail").GetString());
        Assert.Equal("assigned", lost.Body.GetProperty("crewStatus").GetString());

        // Only the winner's incident has the crew; the loser's timeline is as it was.
        var loser = job == a ? b : a;
        Assert.Contains("CrewAssigned", await Timeline(first, job));
        Assert.DoesNotContain("CrewAssigned", await Timeline(first, loser));

        var (withdrawn, _) = await Api.Post(first, "/api/crews/urenco-qv-1/status", new { status = "available", reason = "Kiểm thử xong" });
        Assert.Equal(HttpStatusCode.OK, withdrawn.StatusCode);
        Assert.Equal(["CrewAssigned", "CrewReleased"], (await Timeline(first, job)).Where(t => t.StartsWith("Crew", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_crew_accepts_sets_off_arrives_and_resolves_and_the_timeline_and_sla_report_show_each_step()
    {
        using var dispatcher = await system.ClientFor("AgencyStaff", agency: "urenco", subject: "dispatcher-1");
        using var member = await system.ClientFor("AgencyStaff", agency: "urenco", subject: "a-urenco-staff-1");
        await Free("urenco-bg-1", "a-urenco-staff-1");
        var id = await AcknowledgedGarbage();

        var (suggested, suggestions) = await Api.Get(dispatcher, $"/api/incidents/{id}/crew-suggestions");
        Assert.Equal(HttpStatusCode.OK, suggested.StatusCode);
        Assert.True(suggestions.GetProperty("located").GetBoolean());
        var items = suggestions.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["urenco-bg-1", "urenco-qv-1"], items.Select(i => i.GetProperty("crew").GetProperty("crewId").GetString()).Order());
        Assert.All(items, i => Assert.Equal(JsonValueKind.Number, i.GetProperty("distanceMetres").ValueKind));

        Assert.Equal(HttpStatusCode.OK, (await Api.Post(dispatcher, $"/api/incidents/{id}/assign-crew", new { crewId = "urenco-bg-1" })).Response.StatusCode);
        var (mine, me) = await Api.Get(member, "/api/me/crew");
        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(id, me.GetProperty("job").GetProperty("id").GetString());

        Assert.Equal(HttpStatusCode.OK, (await Api.Post(member, "/api/crews/urenco-bg-1/accept", null)).Response.StatusCode);
        var (enRoute, enRouteBody) = await Api.Post(member, "/api/crews/urenco-bg-1/status", new { status = "en_route" });
        Assert.Equal(HttpStatusCode.OK, enRoute.StatusCode);
        Assert.Equal("in_progress", enRouteBody.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal(["available", "on_scene", "out_of_service"], enRouteBody.GetProperty("allowedNext").EnumerateArray().Select(s => s.GetString()));
        var (moved, _) = await Api.Post(member, "/api/crews/urenco-bg-1/position", new { lat = 21.2, lon = 106.1 });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(member, "/api/crews/urenco-bg-1/status", new { status = "on_scene" })).Response.StatusCode);

        var (queue, queueBody) = await Api.Get(dispatcher, "/api/agencies/urenco/queue");
        Assert.Equal(HttpStatusCode.OK, queue.StatusCode);
        var row = queueBody.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() == id);
        Assert.Equal("on_scene", row.GetProperty("crew").GetProperty("stage").GetString());

        var (resolved, resolvedBody) = await Api.Post(member, "/api/crews/urenco-bg-1/resolve", new { outcome = "fixed", note = "Đã thu gom xong" });
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("resolved", resolvedBody.GetProperty("incident").GetProperty("status").GetString());
        Assert.Equal("available", resolvedBody.GetProperty("crew").GetProperty("status").GetString());

        var timeline = (await Api.Get(dispatcher, $"/api/incidents/{id}/timeline")).Body.EnumerateArray().ToList();
        Assert.Equal(["Reported", "Assigned", "Acknowledged", "CrewAssigned", "CrewAccepted", "CrewEnRoute", "Started", "CrewArrived", "Resolved"],
            timeline.Select(e => e.GetProperty("type").GetString()));
        Assert.Equal("a-urenco-staff-1", timeline[^1].GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("urenco-bg-1", timeline[^2].GetProperty("crew").GetString());
        var crew = await Crew(dispatcher, "urenco-bg-1");
        Assert.Equal("available", crew.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, crew.GetProperty("job").ValueKind);
        Assert.Equal(21.2, crew.GetProperty("position").GetProperty("lat").GetDouble());

        // The citizen sees the crew set off and arrive, not the dispatch desk's steps.
        var (_, tracked) = await Api.Get(system.Http, $"/api/track/{id}");
        var steps = tracked.GetProperty("history").EnumerateArray().Select(e => e.GetProperty("type").GetString()).ToList();
        Assert.Contains("CrewEnRoute", steps);
        Assert.Contains("CrewArrived", steps);
        Assert.DoesNotContain("CrewAssigned", steps);
        Assert.DoesNotContain("CrewAccepted", steps);

        // The arrival is a figure of the SLA report, by agency (and by category).
        using var supervisor = await system.ClientFor("Supervisor");
        var (slaResponse, sla) = await Api.Get(supervisor, "/api/reports/sla?groupBy=agency");
        Assert.Equal(HttpStatusCode.OK, slaResponse.StatusCode);
        var urenco = sla.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("key").GetString() == "urenco");
        Assert.True(urenco.GetProperty("crewsArrived").GetInt64() >= 1, urenco.ToString());
        Assert.Equal(JsonValueKind.Number, urenco.GetProperty("timeToArrive").GetProperty("medianSeconds").ValueKind);
    }

    [Theory]
    [InlineData(30.0, 106.1, null, "lat")]
    [InlineData(21.2, 120.0, null, "lon")]
    [InlineData(21.2, 106.1, "2020-01-01T00:00:00Z", "at")]
    [InlineData(21.2, 106.1, "2100-01-01T00:00:00Z", "at")]
    [InlineData(21.2, 106.1, "yesterday", "at")]
    // NodaTime's edges: the first was a 500 (the instant overflowed on its way to the agency's grain), found by the fuzz.
    [InlineData(21.2, 106.1, "9999-12-31T23:59:59.9999999Z", "at")]
    [InlineData(21.2, 106.1, "-0001-01-01T00:00:00Z", "at")]
    public async Task A_position_outside_the_province_or_its_time_window_is_refused_naming_the_field_and_not_stored(
        double lat, double lon, string? at, string field)
    {
        using var member = await system.ClientFor("AgencyStaff", agency: "urenco", subject: "a-urenco-staff-2");
        var before = await Crew(member, "urenco-qv-1");

        var (response, problem) = await Api.Post(member, "/api/crews/urenco-qv-1/position", new { lat, lon, at });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ProblemJson, response.Content.Headers.ContentType!.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        var after = await Crew(member, "urenco-qv-1");
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(before.GetProperty("position").ToString(), after.GetProperty("position").ToString());
    }

    [Fact]
    public async Task Status_jumps_the_rules_forbid_are_409_problems_and_change_neither_the_crew_nor_the_incident()
    {
        using var dispatcher = await system.ClientFor("AgencyStaff", agency: "urenco", subject: "dispatcher-3");
        using var member = await system.ClientFor("AgencyStaff", agency: "urenco", subject: "a-urenco-staff-2");
        using var outsider = await system.ClientFor("AgencyStaff", agency: "fire-police", subject: "a-fire-police-staff-1");
        await Free("urenco-qv-1", "a-urenco-staff-2");

        // Available → on scene: no job to be at.
        var (jump, jumpProblem) = await Api.Post(member, "/api/crews/urenco-qv-1/status", new { status = "on_scene" });
        Assert.Equal(HttpStatusCode.Conflict, jump.StatusCode);
        Assert.Equal(ProblemJson, jump.Content.Headers.ContentType!.MediaType);
        Assert.Equal("available", jumpProblem.GetProperty("crewStatus").GetString());

        var id = await AcknowledgedGarbage();
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(dispatcher, $"/api/incidents/{id}/assign-crew", new { crewId = "urenco-qv-1" })).Response.StatusCode);
        var crewBefore = await Crew(member, "urenco-qv-1");
        var timelineBefore = await Timeline(dispatcher, id);

        // Assigned → on scene skips setting off; a dispatcher may not set a crew off; declining needs a reason;
        // resolving needs the crew on scene; another agency has no say; an unknown status is a 400.
        var refused = new (HttpClient Client, string Path, object Body, HttpStatusCode Status)[]
        {
            (member, "status", new { status = "on_scene" }, HttpStatusCode.Conflict),
            (dispatcher, "status", new { status = "en_route" }, HttpStatusCode.Conflict),
            (member, "status", new { status = "available" }, HttpStatusCode.BadRequest),
            (member, "status", new { status = "flying" }, HttpStatusCode.BadRequest),
            (member, "resolve", new { outcome = "fixed" }, HttpStatusCode.Conflict),
            (outsider, "status", new { status = "en_route" }, HttpStatusCode.Forbidden),
            (dispatcher, "accept", new { }, HttpStatusCode.Forbidden),
        };
        foreach (var (client, path, body, status) in refused)
        {
            var (response, problem) = await Api.Post(client, $"/api/crews/urenco-qv-1/{path}", body);
            Assert.True(status == response.StatusCode, $"{path} {JsonSerializer.Serialize(body)}: {(int)response.StatusCode} {problem}");
            Assert.Equal(ProblemJson, response.Content.Headers.ContentType!.MediaType);
        }
        var (declineNoReason, declineProblem) = await Api.Post(member, "/api/crews/urenco-qv-1/status", new { status = "available" });
        Assert.True(declineProblem.GetProperty("errors").TryGetProperty("reason", out _), declineProblem.ToString());
        Assert.Equal(HttpStatusCode.BadRequest, declineNoReason.StatusCode);

        var crewAfter = await Crew(member, "urenco-qv-1");
        Assert.Equal(crewBefore.GetProperty("version").GetInt64(), crewAfter.GetProperty("version").GetInt64());
        Assert.Equal("assigned", crewAfter.GetProperty("status").GetString());
        Assert.Equal(timelineBefore, await Timeline(dispatcher, id));

        // Declined with a reason: the crew is free and the incident back in the agency's queue without a crew.
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(member, "/api/crews/urenco-qv-1/status", new { status = "available", reason = "Xe đang sửa" })).Response.StatusCode);
        var row = (await Api.Get(dispatcher, "/api/agencies/urenco/queue")).Body.GetProperty("incidents").EnumerateArray()
            .Single(i => i.GetProperty("incidentId").GetString() == id);
        Assert.Equal(JsonValueKind.Null, row.GetProperty("crew").ValueKind);
    }
}
