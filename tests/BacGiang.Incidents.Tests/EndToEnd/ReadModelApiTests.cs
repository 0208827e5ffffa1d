using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>Search, escalation audit (JSON and CSV) and the SLA report through the running API, scoped by role.</summary>
[Collection(SystemCollection.Name)]
public class ReadModelApiTests(SystemFixture system)
{
    private static void AssertStatus(HttpResponseMessage response, HttpStatusCode status, string? problemField = null, JsonElement problem = default)
    {
        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.OK) return;
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (problemField is not null)
            Assert.True(problem.GetProperty("errors").TryGetProperty(problemField, out _), $"errors should name '{problemField}': {problem}");
    }

    private static List<string> Ids(JsonElement page) =>
        page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("incidentId").GetString()!).ToList();

    [Fact]
    public async Task The_incident_list_filters_searches_without_tone_marks_and_pages_by_cursor()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var (_, fire) = await Api.Post(system.Http, "/api/reports", Api.GarbageReport(Reports.DaiSon, $"Cháy bãi rác gần Đường tỉnh 291 {marker}"));
        var fireId = fire.GetProperty("incidentId").GetString()!;
        var others = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (_, body) = await Api.Post(system.Http, "/api/reports", Api.GarbageReport(Reports.SonDong, $"Rác thải số {i} {marker}"));
            others.Add(body.GetProperty("incidentId").GetString()!);
        }
        using var supervisor = await system.ClientFor("Supervisor");

        var (found, byText) = await Api.Get(supervisor, $"/api/incidents?q=chay%20bai%20rac%20gan%20duong%20{marker}");
        AssertStatus(found, HttpStatusCode.OK);
        Assert.Equal([fireId], Ids(byText));

        var pages = new List<string>();
        string? cursor = null;
        do
        {
            var (_, page) = await Api.Get(supervisor, $"/api/incidents?commune={Reports.SonDong}&status=assigned&category=garbage_dumping&q={marker}&limit=2"
                + (cursor is null ? "" : $"&cursor={cursor}"));
            pages.AddRange(Ids(page));
            cursor = page.GetProperty("nextCursor").ValueKind == JsonValueKind.String ? page.GetProperty("nextCursor").GetString() : null;
        } while (cursor is not null);
        Assert.Equal(others.AsEnumerable().Reverse(), pages);

        var (bad, problem) = await Api.Get(supervisor, "/api/incidents?status=burning&priority=P9");
        AssertStatus(bad, HttpStatusCode.BadRequest, "status", problem);
        Assert.True(problem.GetProperty("errors").TryGetProperty("priority", out _));

        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        var (own, ownPage) = await Api.Get(officer, $"/api/incidents?q={marker}");
        AssertStatus(own, HttpStatusCode.OK);
        Assert.Equal([fireId], Ids(ownPage));
        AssertStatus((await Api.Get(officer, $"/api/incidents?commune={Reports.SonDong}")).Response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task The_escalation_audit_downloads_as_csv_with_vietnamese_names_and_is_scoped()
    {
        var id = await Api.FileReport(system.Http, Reports.DaiSon);
        await EscalationRows.Insert(system.ConnectionString, id, level: 2, latenessMs: 1234);
        using var supervisor = await system.ClientFor("Supervisor");

        foreach (var ask in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => supervisor.GetAsync($"/api/audit/escalations?commune={Reports.DaiSon}&level=2&kind=ack&sort=lateness&format=csv"),
                     () =>
                     {
                         var request = new HttpRequestMessage(HttpMethod.Get, $"/api/audit/escalations?commune={Reports.DaiSon}&level=2");
                         request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
                         return supervisor.SendAsync(request);
                     },
                 })
        {
            using var response = await ask();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
            var lines = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            Assert.StartsWith("Mã sự cố,Loại,Tên loại,Mức ưu tiên,Mã xã,Tên xã,Mã cơ quan,Tên cơ quan", lines[0]);
            var row = Assert.Single(lines, l => l.StartsWith(id, StringComparison.Ordinal)).Split(',');
            Assert.Equal(["garbage_dumping", "Đổ rác thải trái phép", "P3", Reports.DaiSon, "Xã Đại Sơn", "urenco"], row[1..7]);
            Assert.Equal(["tiếp nhận", "1", "2", "0"], row[8..12]);
            Assert.Equal("1.234", row[16]);
        }

        var (json, records) = await Api.Get(supervisor, $"/api/audit/escalations?commune={Reports.DaiSon}&level=2&kind=ack");
        AssertStatus(json, HttpStatusCode.OK);
        Assert.Contains(records.EnumerateArray(), r => r.GetProperty("incidentId").GetString() == id && r.GetProperty("latenessMs").GetInt64() == 1234);

        using var stranger = await system.ClientFor("CommuneOfficer", commune: Reports.SonDong);
        AssertStatus((await Api.Get(stranger, $"/api/audit/escalations?commune={Reports.DaiSon}")).Response, HttpStatusCode.Forbidden);
        var (ownAudit, ownRecords) = await Api.Get(stranger, "/api/audit/escalations");
        AssertStatus(ownAudit, HttpStatusCode.OK);
        Assert.DoesNotContain(ownRecords.EnumerateArray(), r => r.GetProperty("incidentId").GetString() == id);
        var (badKind, problem) = await Api.Get(supervisor, "/api/audit/escalations?kind=sideways");
        AssertStatus(badKind, HttpStatusCode.BadRequest, "kind", problem);
    }

    [Fact]
    public async Task The_sla_report_is_served_to_supervisors_and_to_officers_for_their_own_commune_only()
    {
        await Api.FileReport(system.Http, Reports.DaiSon);
        using var supervisor = await system.ClientFor("Supervisor");

        var (ok, report) = await Api.Get(supervisor, "/api/reports/sla?groupBy=commune");
        AssertStatus(ok, HttpStatusCode.OK);
        var row = Assert.Single(report.GetProperty("rows").EnumerateArray(), r => r.GetProperty("key").GetString() == Reports.DaiSon);
        Assert.Equal("Xã Đại Sơn", row.GetProperty("name").GetString());
        Assert.True(row.GetProperty("incidents").GetInt64() >= 1);

        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.SonDong);
        AssertStatus((await Api.Get(officer, $"/api/reports/sla?commune={Reports.DaiSon}")).Response, HttpStatusCode.Forbidden);
        var (own, ownReport) = await Api.Get(officer, "/api/reports/sla?groupBy=category");
        AssertStatus(own, HttpStatusCode.OK);
        Assert.DoesNotContain(ownReport.GetProperty("rows").EnumerateArray(), r => r.GetProperty("key").GetString() == Reports.DaiSon);

        var (bad, problem) = await Api.Get(supervisor, "/api/reports/sla?groupBy=planet&from=2026-11-30&to=2026-11-01");
        AssertStatus(bad, HttpStatusCode.BadRequest, "groupBy", problem);
        Assert.True(problem.GetProperty("errors").TryGetProperty("to", out _));
    }
}
