using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>
/// The admin API for people and duty: each bad edit is a 400 problem naming the field, and leaves the roster and
/// its change log as they were; a good one is an event with who and when.
/// </summary>
[Collection(SystemCollection.Name)]
public class RosterApiTests(SystemFixture system)
{
    // Phường Kinh Bắc: a unit of the merged province outside the former Bắc Giang, which no other test files reports in.
    private const string Unit = "/api/units/commune/09187";

    [Theory]
    [InlineData("""{"staffId":"c09187-new-1","name":"Lê Văn Mới","role":"officer","phone":"12345"}""", "phone")]
    [InlineData("""{"staffId":"c09187-new-2","name":"Lê Văn Mới","role":"officer","phone":"024 3825 1234"}""", "phone")]
    [InlineData("""{"staffId":"c09187-new-3","name":"Lê Văn Mới","role":"director-general"}""", "role")]
    [InlineData("""{"staffId":"c09187-officer-1","name":"Trùng Mã","role":"officer"}""", "staffId")]
    [InlineData("""{"staffId":"c09187-new-4","name":"Lê Văn Mới","role":"officer","duty":"nights"}""", "duty")]
    [InlineData("""{"staffId":"c09187-new-5","name":"Lê Văn Mới","role":"officer","zaloUserId":"abc"}""", "zaloUserId")]
    public async Task A_bad_person_is_refused_naming_the_field_and_nothing_is_stored(string body, string field)
    {
        using var admin = await system.ClientFor("Admin");
        var (roster, changes) = await Snapshot(admin);
        using var response = await admin.PostAsync($"{Unit}/people", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        await AssertProblem(response, field);
        Assert.Equal((roster, changes), await Snapshot(admin));
    }

    [Fact]
    public async Task An_override_that_overlaps_another_of_the_same_person_is_refused_and_nothing_is_stored()
    {
        using var admin = await system.ClientFor("Admin");
        using var first = await admin.PostAsJsonAsync($"{Unit}/overrides", new { staffId = "c09187-officer-2", from = "2031-03-02", to = "2031-03-06", substituteId = "c09187-officer-3", note = "nghỉ phép" });
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var (roster, changes) = await Snapshot(admin);

        using var overlapping = await admin.PostAsJsonAsync($"{Unit}/overrides", new { staffId = "c09187-officer-2", from = "2031-03-05", to = "2031-03-09" });
        await AssertProblem(overlapping, "from");
        using var backwards = await admin.PostAsJsonAsync($"{Unit}/overrides", new { staffId = "c09187-officer-2", from = "2031-04-09", to = "2031-04-01" });
        await AssertProblem(backwards, "to");
        using var unknown = await admin.PostAsJsonAsync($"{Unit}/overrides", new { staffId = "nobody-here", from = "2031-05-01", to = "2031-05-02" });
        await AssertProblem(unknown, "staffId");
        Assert.Equal((roster, changes), await Snapshot(admin));
    }

    [Fact]
    public async Task A_good_edit_is_kept_with_who_and_when_and_only_admins_may_edit()
    {
        using var admin = await system.ClientFor("Admin", subject: "admin-le-thi-hoa");
        using var added = await admin.PostAsJsonAsync($"{Unit}/people", new { staffId = "c09187-officer-9", name = "Phạm Thị Trực", role = "officer", duty = "off-hours:Sat Sun", phone = "+84 912.345.678" });
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var roster = await admin.GetFromJsonAsync<UnitRoster>($"{Unit}/roster", IncidentJson.Options);
        var person = roster!.People.Single(p => p.StaffId == "c09187-officer-9");
        Assert.Equal("0912345678", person.Phone);
        Assert.Equal([NodaTime.IsoDayOfWeek.Saturday, NodaTime.IsoDayOfWeek.Sunday], person.Duty.Days);
        var changes = await admin.GetFromJsonAsync<List<RosterChanged>>($"{Unit}/changes", IncidentJson.Options);
        var change = changes!.Last();
        Assert.Equal(("person-added", "admin-le-thi-hoa"), (change.Type, change.Actor.Id));

        using var supervisor = await system.ClientFor("Supervisor");
        using var refused = await supervisor.DeleteAsync($"{Unit}/people/c09187-officer-9");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var otherCommune = await system.ClientFor("CommuneOfficer", "07615");
        using var hidden = await otherCommune.GetAsync($"{Unit}/roster");
        Assert.Equal(HttpStatusCode.Forbidden, hidden.StatusCode);
        using var removed = await admin.DeleteAsync($"{Unit}/people/c09187-officer-9");
        Assert.Equal(HttpStatusCode.OK, removed.StatusCode);
    }

    private async Task<(string Roster, int Changes)> Snapshot(HttpClient admin) =>
        (await admin.GetStringAsync($"{Unit}/roster"), (await admin.GetFromJsonAsync<JsonElement>($"{Unit}/changes")).GetArrayLength());

    private static async Task AssertProblem(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error for {field}: {problem}");
    }
}
