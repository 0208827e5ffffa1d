using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Tests.EndToEnd;
using BacGiang.Incidents.Tests.Support;
using Npgsql;
using Http = BacGiang.Incidents.Tests.EndToEnd.Api;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>Staff reads of personal data are recorded; phones are whole only for those who call back (issue 13).</summary>
[Collection(SystemCollection.Name)]
public sealed class AccessLogTests(SystemFixture system)
{
    private async Task<(string Id, string Phone)> FileWithReporter()
    {
        var phone = "09" + Random.Shared.Next(10_000_000, 99_999_999);
        var at = Http.NextPoint();
        var (response, body) = await Http.Post(system.Http, "/api/reports", new
        {
            category = "garbage_dumping", description = "Rác đổ trộm", lat = at.Lat, lon = at.Lon, communeCode = Reports.DaiSon,
            reporter = new { name = "Người Báo", phone },
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (body.GetProperty("incidentId").GetString()!, phone);
    }

    private static string? PhoneIn(JsonElement report) => report.GetProperty("reporter").GetProperty("phone").GetString();

    [Fact]
    public async Task The_commune_officer_sees_the_reporters_phone_whole_and_a_supervisor_sees_it_masked()
    {
        var (id, phone) = await FileWithReporter();
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        using var supervisor = await system.ClientFor("Supervisor");
        Assert.Equal(phone, PhoneIn((await Http.Get(officer, $"/api/incidents/{id}")).Body.GetProperty("report")));
        var masked = $"{phone[..4]}***{phone[^3..]}";
        Assert.Equal(masked, PhoneIn((await Http.Get(supervisor, $"/api/incidents/{id}")).Body.GetProperty("report")));
        var timeline = (await Http.Get(supervisor, $"/api/incidents/{id}/timeline")).Body;
        Assert.Equal(masked, PhoneIn(timeline[0].GetProperty("report")));
        Assert.DoesNotContain(phone, timeline.GetRawText());
        // A command's answer shows the incident too, masked the same way.
        var (_, acknowledged) = await Http.Post(supervisor, $"/api/incidents/{id}/acknowledge", null);
        Assert.Equal(masked, PhoneIn(acknowledged.GetProperty("incident").GetProperty("report")));
    }

    [Fact]
    public async Task Every_read_of_an_incident_and_every_search_is_in_the_access_log_which_only_admins_read()
    {
        var (id, _) = await FileWithReporter();
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon, subject: "officer-access-log-test");
        using var supervisor = await system.ClientFor("Supervisor", subject: "supervisor-access-log-test");
        Assert.Equal(HttpStatusCode.OK, (await Http.Get(officer, $"/api/incidents/{id}")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.Get(supervisor, $"/api/incidents/{id}/timeline")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Http.Get(supervisor, "/api/incidents?q=r%C3%A1c&commune=07627")).Response.StatusCode);
        // A read refused by scope shows nothing and is not a read.
        using var other = await system.ClientFor("CommuneOfficer", commune: Reports.SonDong, subject: "other-officer-access-log-test");
        Assert.Equal(HttpStatusCode.Forbidden, (await Http.Get(other, $"/api/incidents/{id}")).Response.StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await Http.Get(supervisor, "/api/audit/access")).Response.StatusCode);
        using var admin = await system.ClientFor("Admin");
        var reads = (await Http.Get(admin, $"/api/audit/access?incident={id}")).Body.EnumerateArray()
            .Select(e => (e.GetProperty("staffId").GetString(), e.GetProperty("action").GetString())).ToHashSet();
        Assert.Equal(new HashSet<(string?, string?)> { ("officer-access-log-test", "incident.read"), ("supervisor-access-log-test", "incident.timeline") }, reads);
        var search = Assert.Single((await Http.Get(admin, "/api/audit/access?staff=supervisor-access-log-test")).Body.EnumerateArray(),
            e => e.GetProperty("action").GetString() == "search");
        Assert.Contains("commune=07627", search.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task Opening_a_photo_is_in_the_access_log()
    {
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(TestImages.Png(64, 48)) { Headers = { ContentType = new("image/png") } }, "photo", "a.png" } };
        using var uploaded = await system.Http.PostAsync("/api/photos", upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var url = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("url").GetString()!;
        using var supervisor = await system.ClientFor("Supervisor", subject: "supervisor-photo-log-test");
        using var photo = await supervisor.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, photo.StatusCode);
        using var admin = await system.ClientFor("Admin");
        var entry = Assert.Single((await Http.Get(admin, "/api/audit/access?staff=supervisor-photo-log-test")).Body.EnumerateArray());
        Assert.Equal(("photo.read", $"photo {url.Split('/')[^1]}"), (entry.GetProperty("action").GetString(), entry.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task The_access_log_cannot_be_edited_or_emptied_by_the_applications_database_user()
    {
        await FileWithReporter();
        await using var connection = new NpgsqlConnection(system.ConnectionString);
        await connection.OpenAsync();
        foreach (var sql in new[] { "UPDATE personal_data_access SET staff_id = 'nobody'", "DELETE FROM personal_data_access", "TRUNCATE personal_data_access" })
        {
            await using var command = new NpgsqlCommand(sql, connection);
            var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());
            Assert.Contains("append-only", refused.MessageText);
        }
    }
}

public sealed class ReporterContactTests
{
    [Theory]
    [InlineData("0912345678", "0912***678")]
    [InlineData("+84912345678", "+849*****678")]
    [InlineData("0204385412", "0204***412")]
    [InlineData("12345", "*****")]
    public void A_masked_phone_keeps_its_first_four_and_last_three_digits(string phone, string masked) =>
        Assert.Equal(masked, BacGiang.Incidents.Api.Auth.ReporterContact.Mask(phone));
}
