using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Api.Ioc;
using BacGiang.Incidents.Api.Zalo;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>
/// What the API fuzz (Fuzz/ApiFuzzTests) found, one request each: answers that were a 500 or an error in another
/// format than problem+json, and are now a 4xx problem naming the field (or, where nothing is wrong, a success).
/// </summary>
[Collection(SystemCollection.Name)]
public class FuzzFindingsTests(SystemFixture system)
{
    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        return problem;
    }

    private static async Task AssertNamesField(HttpResponseMessage response, string field)
    {
        var problem = await AssertProblem(response, HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}': {problem}");
    }

    private static HttpRequestMessage Request(HttpMethod method, string path, string? accept = null, string? json = null, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(method, path);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        if (json is not null)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }
        return request;
    }

    [Theory]
    [InlineData("GET", "/api/incidents", "text/html", HttpStatusCode.Unauthorized)]
    [InlineData("GET", "/api/nope", "text/html,application/xhtml+xml", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/api/reference", "text/csv", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "/openapi/v2.json", null, HttpStatusCode.NotFound)]
    public async Task A_bare_error_status_is_problem_json_whatever_the_client_accepts(string method, string path, string? accept, HttpStatusCode status)
    {
        using var response = await system.Http.SendAsync(Request(new HttpMethod(method), path, accept));
        await AssertProblem(response, status);
    }

    [Theory]
    [InlineData("/dashboard/SiloMetadata/2026-11-01T24%3A00%3A00Z")]
    [InlineData("/dashboard/SiloProperties/~%24")]
    public async Task The_orleans_dashboard_answers_an_address_it_cannot_parse_with_a_400(string path)
    {
        using var admin = await system.ClientFor("Admin");
        await AssertNamesField(await admin.GetAsync(path), "address");
    }

    [Fact]
    public async Task A_forbidden_role_gets_a_problem_even_asking_for_html()
    {
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        using var response = await officer.SendAsync(Request(HttpMethod.Get, "/api/audit/escalation-gaps", "text/html"));
        await AssertProblem(response, HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task An_unknown_acknowledgement_link_is_a_page_for_a_browser_and_a_problem_for_anything_else()
    {
        using var program = await system.Http.SendAsync(Request(HttpMethod.Post, "/e/no-such-link"));
        await AssertProblem(program, HttpStatusCode.NotFound);
        using var browser = await system.Http.SendAsync(Request(HttpMethod.Post, "/e/no-such-link", "text/html,application/xhtml+xml,*/*;q=0.8"));
        Assert.Equal((HttpStatusCode.NotFound, "text/html"), (browser.StatusCode, browser.Content.Headers.ContentType?.MediaType));
    }

    [Fact]
    public async Task Blank_ids_are_404s_or_400s_not_500s()
    {
        using var supervisor = await system.ClientFor("Supervisor");
        using (var command = await supervisor.SendAsync(Request(HttpMethod.Post, "/api/incidents/%20/dispatch")))
            await AssertProblem(command, HttpStatusCode.NotFound);
        using (var conversation = await supervisor.GetAsync("/api/zalo/conversations/%20%20"))
            await AssertProblem(conversation, HttpStatusCode.NotFound);
        using (var escalation = await supervisor.SendAsync(Request(HttpMethod.Post, "/api/escalations/%20:ack:0:1:0/acknowledge")))
            await AssertNamesField(escalation, "escalationId");
    }

    [Fact]
    public async Task Following_a_commune_that_does_not_exist_is_a_404()
    {
        using var supervisor = await system.ClientFor("Supervisor");
        using var response = await supervisor.GetAsync("/api/live/communes/%7B0%7D", HttpCompletionOption.ResponseHeadersRead);
        await AssertProblem(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_open311_date_past_the_year_9999_west_of_utc_is_a_400()
    {
        using var response = await system.Http.GetAsync("/open311/v2/requests.json?start_date=2026-11-01T00:00:00Z&end_date=9999-12-31T23:59:59-14:00");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("end_date", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement[0].GetProperty("description").GetString());
    }

    [Fact]
    public async Task An_ioc_alert_timed_past_the_year_9999_is_a_400_naming_at()
    {
        var body = Encoding.UTF8.GetBytes("""{"cameraId":"BG-CAM-0001","alertType":"fire","confidence":0.9,"at":"9999-12-31T23:59:59-14:00"}""");
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/ioc/alerts") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(IocApi.TimestampHeader, timestamp);
        request.Headers.Add(IocApi.SignatureHeader, "sha256=" + Convert.ToHexStringLower(IocApi.Sign(SystemFixture.IocSecret, timestamp, body)));
        using var response = await system.Http.SendAsync(request);
        await AssertNamesField(response, "at");
    }

    [Fact]
    public async Task A_dev_token_request_with_an_unknown_charset_is_read_like_any_other_body()
    {
        using var response = await system.Http.SendAsync(Request(HttpMethod.Post, "/dev/token", json: """{"role":"Supervisor"}""", contentType: "application/json; charset=nonsense"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_zalo_event_whose_app_id_is_not_unicode_is_refused_as_unsigned()
    {
        using var request = Request(HttpMethod.Post, "/webhooks/zalo", json: """{"app_id":"\ud800","timestamp":"1"}""");
        request.Headers.Add(ZaloWebhook.SignatureHeader, "mac=" + new string('0', 64));
        using var response = await system.Http.SendAsync(request);
        await AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_nul_in_a_query_parameter_is_a_400_naming_it()
    {
        using var supervisor = await system.ClientFor("Supervisor");
        using var response = await supervisor.GetAsync("/api/incidents?q=a%00b");
        await AssertNamesField(response, "q");
    }

    [Theory]
    [InlineData("""{"category":"fire","description":"Cháy","address":"a\u0000b"}""", "address")]
    [InlineData("""{"category":"fire","description":"Cháy","reporter":{"name":"\u0000"}}""", "reporter.name")]
    [InlineData("""{"category":"fire","description":"Cháy","photos":["https://example.org/\u0000.jpg"]}""", "photos")]
    public async Task A_nul_in_a_report_is_a_400_naming_the_field(string json, string field)
    {
        var (response, _) = await Api.PostRaw(system.Http, "/api/reports", json);
        await AssertNamesField(response, field);
    }

    [Fact]
    public async Task A_nul_in_a_staff_note_is_a_400_naming_it()
    {
        var id = await Api.FileReport(system.Http, Reports.DaiSon);
        using var supervisor = await system.ClientFor("Supervisor");
        var (response, _) = await Api.PostRaw(supervisor, $"/api/incidents/{id}/note", """{"text":"a\u0000b"}""");
        await AssertNamesField(response, "text");
    }

    [Theory]
    [InlineData("user_send_text", "\u0000", "hello")]
    [InlineData("user_received_message", "1000001", "\u0000")]
    public async Task A_signed_zalo_event_with_a_nul_in_an_id_is_acknowledged_and_ignored(string eventName, string userId, string messageId)
    {
        using var response = await system.Http.SendAsync(ZaloEvents.Signed(userId, eventName, new { msg_id = messageId, text = "hello" }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("9223372036854775807")]
    [InlineData("253402300800000")]
    public async Task A_signed_zalo_event_timed_past_the_year_9999_is_refused_as_a_replay(string timestamp)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"app_id":"{{SystemFixture.ZaloAppId}}","timestamp":"{{timestamp}}","event_name":"user_send_text"}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/zalo") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(ZaloWebhook.SignatureHeader, "mac=" + ZaloWebhook.Mac(SystemFixture.ZaloAppId, body, timestamp, SystemFixture.ZaloOaSecret));
        using var response = await system.Http.SendAsync(request);
        await AssertProblem(response, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_signed_zalo_event_with_a_name_that_is_not_unicode_is_refused()
    {
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var body = Encoding.UTF8.GetBytes($$$"""{"app_id":"{{{SystemFixture.ZaloAppId}}}","timestamp":"{{{timestamp}}}","event_name":"user_send_text","sender":{"id":"1000001"},"message":{"\udc00":"x","msg_id":"m1","text":"hi"}}""");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/zalo") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(ZaloWebhook.SignatureHeader, "mac=" + ZaloWebhook.Mac(SystemFixture.ZaloAppId, body, timestamp, SystemFixture.ZaloOaSecret));
        using var response = await system.Http.SendAsync(request);
        await AssertProblem(response, HttpStatusCode.Unauthorized);
    }
}
