using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>Citizens reporting the same thing: attached as further reports; supervisors merge and split by hand.</summary>
[Collection(SystemCollection.Name)]
public class DuplicateTests(SystemFixture system, Xunit.Abstractions.ITestOutputHelper log)
{
    private static JsonElement Report(double lat, double lon, string category = "garbage_dumping") => JsonSerializer.SerializeToElement(new
    {
        category,
        description = "Bãi rác tự phát",
        lat,
        lon,
        communeCode = Reports.DaiSon,
    });

    private static async Task<JsonElement> Timeline(HttpClient client, string id) => (await Api.Get(client, $"/api/incidents/{id}/timeline")).Body;

    [Fact]
    public async Task A_second_report_nearby_joins_the_open_incident_and_the_reporter_gets_its_code()
    {
        var (lat, lon) = Api.NextPoint();
        var (_, first) = await Api.Post(system.Http, "/api/reports", Report(lat, lon));
        // About 100 m north: the same pile of rubbish.
        var (response, second) = await Api.Post(system.Http, "/api/reports", Report(lat + 0.0009, lon));
        // About 400 m away, or another category at the same spot: something else.
        var (_, far) = await Api.Post(system.Http, "/api/reports", Report(lat + 0.0036, lon));
        var (_, other) = await Api.Post(system.Http, "/api/reports", Report(lat, lon, "street_light"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = first.GetProperty("incidentId").GetString();
        Assert.Equal((id, true, 2), (second.GetProperty("trackingCode").GetString(), second.GetProperty("attached").GetBoolean(), second.GetProperty("reportCount").GetInt32()));
        Assert.NotEqual(id, far.GetProperty("incidentId").GetString());
        Assert.NotEqual(id, other.GetProperty("incidentId").GetString());

        using var supervisor = await system.ClientFor("Supervisor");
        Assert.Equal(2, (await Api.Get(supervisor, $"/api/incidents/{id}")).Body.GetProperty("reportCount").GetInt32());
        Assert.Contains((await Timeline(supervisor, id!)).EnumerateArray(), e => e.GetProperty("type").GetString() == "ReportAttached");
        var inbox = (await Api.Get(supervisor, $"/api/communes/{Reports.DaiSon}/inbox")).Body;
        Assert.Equal(2, inbox.GetProperty("incidents").EnumerateArray().Single(i => i.GetProperty("incidentId").GetString() == id).GetProperty("reportCount").GetInt32());
    }

    [Fact]
    public async Task A_supervisor_merges_two_incidents_and_splits_a_wrongly_attached_report_out_again()
    {
        using var supervisor = await system.ClientFor("Supervisor");
        var target = await Api.FileReport(system.Http);
        var source = await Api.FileReport(system.Http);

        var (merged, _) = await Api.Post(supervisor, $"/api/incidents/{source}/merge", new { into = target, reason = "cùng một bãi rác" });
        Assert.Equal(HttpStatusCode.OK, merged.StatusCode);
        var sourceView = (await Api.Get(supervisor, $"/api/incidents/{source}")).Body;
        Assert.Equal(("merged", target), (sourceView.GetProperty("status").GetString(), sourceView.GetProperty("mergedInto").GetString()));
        await Eventually.True(async () => (await Api.Get(supervisor, $"/api/incidents/{target}")).Body.GetProperty("reportCount").GetInt32() == 2,
            "the target holds both reports");
        var mergedIn = (await Timeline(supervisor, target)).EnumerateArray().Single(e => e.GetProperty("type").GetString() == "ReportsMergedIn");
        Assert.Equal(source, mergedIn.GetProperty("from").GetString());
        Assert.Contains((await Timeline(supervisor, source)).EnumerateArray(), e => e.GetProperty("type").GetString() == "Merged" && e.GetProperty("into").GetString() == target);
        var (again, problem) = await Api.Post(supervisor, $"/api/incidents/{target}/merge", new { into = source });
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("into", out _));

        // A report attached by proximity that was about something else: split out into its own incident.
        var (lat, lon) = Api.NextPoint();
        var (_, first) = await Api.Post(system.Http, "/api/reports", Report(lat, lon));
        await Api.Post(system.Http, "/api/reports", Report(lat + 0.0005, lon));
        var holder = first.GetProperty("incidentId").GetString()!;
        var attachedSeq = (await Timeline(supervisor, holder)).EnumerateArray().Single(e => e.GetProperty("type").GetString() == "ReportAttached").GetProperty("seq").GetInt64();
        var (split, _) = await Api.Post(supervisor, $"/api/incidents/{holder}/split", new { reportSeq = attachedSeq, reason = "bên kia đường, chủ khác" });
        Assert.Equal(HttpStatusCode.OK, split.StatusCode);
        var splitOut = (await Timeline(supervisor, holder)).EnumerateArray().Single(e => e.GetProperty("type").GetString() == "ReportSplitOut");
        var newId = splitOut.GetProperty("newIncidentId").GetString()!;
        await Eventually.True(async () => (await Api.Get(supervisor, $"/api/incidents/{newId}")).Response.StatusCode == HttpStatusCode.OK, "the split-out report is an incident");
        Assert.Equal(1, (await Api.Get(supervisor, $"/api/incidents/{holder}")).Body.GetProperty("reportCount").GetInt32());
        await using (var connection = new Npgsql.NpgsqlConnection(system.ConnectionString))
        {
            await connection.OpenAsync();
            await using var reports = new Npgsql.NpgsqlCommand("SELECT count(*) FROM reports WHERE incident_id = $1", connection);
            reports.Parameters.AddWithValue(holder);
            Assert.Equal(1L, await reports.ExecuteScalarAsync());
        }

        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        var (refused, _) = await Api.Post(officer, $"/api/incidents/{holder}/merge", new { into = newId });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    [Fact]
    public async Task Supervisors_merging_incidents_into_each_other_at_the_same_moment_never_form_a_cycle()
    {
        const int Pairs = 12;
        using var supervisor = await system.ClientFor("Supervisor");
        var pairs = new List<(string A, string B)>();
        for (var i = 0; i < Pairs; i++) pairs.Add((await Api.FileReport(system.Http), await Api.FileReport(system.Http)));
        var ring = new[] { await Api.FileReport(system.Http), await Api.FileReport(system.Http), await Api.FileReport(system.Http) };

        // A into B and B into A, for every pair at once; and a ring of three, each into the next.
        var merges = pairs.SelectMany(p => new[] { (p.A, p.B), (p.B, p.A) }).Concat(ring.Select((id, i) => (id, ring[(i + 1) % 3]))).ToList();
        var answers = await Task.WhenAll(merges.Select(async m =>
            (await Api.Post(supervisor, $"/api/incidents/{m.Item1}/merge", new { into = m.Item2, reason = "cùng một bãi rác" })).Response.StatusCode));
        Assert.All(answers, a => Assert.True(a is HttpStatusCode.OK or HttpStatusCode.BadRequest or HttpStatusCode.Conflict, $"{a}"));
        log.WriteLine(string.Join(", ", answers.GroupBy(a => a).Select(g => $"{g.Count()} × {(int)g.Key}")));

        async Task<JsonElement> View(string id) => (await Api.Get(supervisor, $"/api/incidents/{id}")).Body;
        foreach (var group in pairs.Select(p => new[] { p.A, p.B }).Append(ring))
        {
            var views = new List<JsonElement>();
            foreach (var id in group) views.Add(await View(id));
            var open = views.Where(v => v.GetProperty("status").GetString() != "merged").ToList();
            Assert.True(open.Count >= 1, $"every one of {string.Join(", ", group)} is merged: their reports went round in a circle");
            // Whatever was merged, its report reached an incident still open.
            await Eventually.True(async () =>
            {
                var total = 0;
                foreach (var v in open) total += (await View(v.GetProperty("id").GetString()!)).GetProperty("reportCount").GetInt32();
                return total == group.Length;
            }, $"the reports of {string.Join(", ", group)} are all held by the open ones");
        }
    }
}
