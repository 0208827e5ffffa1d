using System.Net;
using System.Text.Json;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>GeoReport v2 as a third-party client speaks it: form-encoded POST, .json resources, array responses.</summary>
[Collection(SystemCollection.Name)]
public class Open311Tests(SystemFixture system)
{
    // What people write: their number, an e-mail, a plate. None of it may reach a public listing.
    private const string Description = "Đống rác lớn chắn lối đi, xe 98A-123.45 đổ lúc sáng\nGọi tôi 0912 345 678 hoặc le.c@example.org";

    /// <summary>The fields a typical Open311 client sends (the spec's own example, with our service and commune).</summary>
    internal static FormUrlEncodedContent Request(string apiKey, string serviceCode = "garbage_dumping", bool withLocation = true)
    {
        var fields = new List<KeyValuePair<string, string>>
        {
            new("api_key", apiKey),
            new("jurisdiction_id", ""),
            new("service_code", serviceCode),
            new("address_string", "Thôn Đồng Gianh, xã Đại Sơn"),
            new("email", "nguoidan@example.org"),
            new("device_id", "tb-42"),
            new("account_id", "acc-7"),
            new("first_name", "Lê"),
            new("last_name", "Văn C"),
            new("phone", "0912345678"),
            new("description", Description),
            new("media_url", "https://example.org/rac.jpg"),
            new("attribute[commune]", Reports.DaiSon),
        };
        if (withLocation)
        {
            fields.Add(new("lat", "21.3012"));
            fields.Add(new("long", "106.6109"));
        }
        else
        {
            fields.RemoveAll(f => f.Key == "address_string");
        }
        return new FormUrlEncodedContent(fields);
    }

    [Theory]
    [InlineData("start_date=0001-01-01T00:00:00Z&end_date=0001-02-01T00:00:00Z")]
    [InlineData("start_date=9999-12-01T00:00:00Z&end_date=9999-12-31T23:59:59Z")]
    [InlineData("end_date=0001-01-01T00:00:00%2B07:00")]
    public async Task A_listing_for_dates_outside_2000_to_2099_is_a_400_not_a_500(string query)
    {
        using var response = await system.Http.GetAsync($"/open311/v2/requests.json?{query}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("2000", (await Json(response))[0].GetProperty("description").GetString());
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=----x", "------x\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\nk\r\n------x--\r\n")]
    [InlineData("multipart/form-data", "api_key=k&service_code=garbage_dumping")]
    [InlineData("multipart/form-data; boundary=", "garbage")]
    [InlineData("text/plain", "api_key=k")]
    public async Task A_create_request_that_is_not_a_plain_form_is_a_400_not_a_500(string contentType, string body)
    {
        using var content = new StringContent(body);
        content.Headers.Remove("Content-Type");
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var response = await system.Http.PostAsync("/open311/v2/requests.json", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await Json(response))[0].GetProperty("code").GetInt32());
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    [Fact]
    public async Task A_posted_request_is_read_back_open_then_closed_with_the_spec_fields()
    {
        using var created = await system.Http.PostAsync("/open311/v2/requests.json", Request(SystemFixture.Open311Key));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var answer = Assert.Single((await Json(created)).EnumerateArray());
        var id = answer.GetProperty("service_request_id").GetString()!;
        Assert.Equal("acc-7", answer.GetProperty("account_id").GetString());
        // The tracking code reopens and rates the incident: it goes to the client that filed, never into the public id.
        var trackingCode = System.Text.RegularExpressions.Regex.Match(answer.GetProperty("service_notice").GetString()!, @"BG-\w{4}-\w{4}").Value;
        Assert.Matches(@"^R-[0-9A-F]{16}$", id);
        using var byCode = await system.Http.GetAsync($"/open311/v2/requests/{trackingCode}.json");
        Assert.Equal(HttpStatusCode.NotFound, byCode.StatusCode);

        using var read = await system.Http.GetAsync($"/open311/v2/requests/{id}.json");
        var request = Assert.Single((await Json(read)).EnumerateArray());
        Assert.Equal(("open", "garbage_dumping"), (request.GetProperty("status").GetString(), request.GetProperty("service_code").GetString()));
        Assert.Equal("Đổ rác thải trái phép", request.GetProperty("service_name").GetString());
        Assert.Equal("Công ty Môi trường đô thị (URENCO)", request.GetProperty("agency_responsible").GetString());
        // About 100 m: where, not whose door.
        Assert.Equal((21.301, 106.611), (request.GetProperty("lat").GetDouble(), request.GetProperty("long").GetDouble()));
        Assert.Null(request.TryGetProperty("media_url", out var media) ? media.GetString() : null);
        Assert.Null(request.TryGetProperty("address", out var address) ? address.GetString() : null);
        var description = request.GetProperty("description").GetString()!;
        Assert.StartsWith("Đống rác lớn chắn lối đi, xe […] đổ lúc sáng", description);
        foreach (var personal in new[] { "0912", "345 678", "le.c@", "example.org", "98A", "123.45" }) Assert.DoesNotContain(personal, description);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$", request.GetProperty("requested_datetime").GetString());
        Assert.False(string.IsNullOrEmpty(request.GetProperty("status_notes").GetString()));

        using var supervisor = await system.ClientFor("Supervisor");
        foreach (var action in new[] { "acknowledge", "start" })
            Assert.Equal(HttpStatusCode.OK, (await Api.Post(supervisor, $"/api/incidents/{trackingCode}/{action}", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(supervisor, $"/api/incidents/{trackingCode}/resolve",
            new { outcome = "not_responsible", referredTo = "Ban quản lý dự án huyện" })).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(supervisor, $"/api/incidents/{trackingCode}/close", null)).Response.StatusCode);

        using var closed = await system.Http.GetAsync($"/open311/v2/requests.json?service_request_id={id}&status=open");
        var again = Assert.Single((await Json(closed)).EnumerateArray());
        Assert.Equal("closed", again.GetProperty("status").GetString());
        // The notes tell the true outcome: not "xử lý xong", but where it was referred.
        Assert.Equal("Không thuộc thẩm quyền, đã chuyển đến Ban quản lý dự án huyện", again.GetProperty("status_notes").GetString());
        using var onlyOpen = await system.Http.GetAsync("/open311/v2/requests.json?service_code=garbage_dumping&status=open");
        Assert.DoesNotContain((await Json(onlyOpen)).EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == id);
        using var onlyClosed = await system.Http.GetAsync("/open311/v2/requests.json?service_code=garbage_dumping,street_light&status=closed");
        Assert.Contains((await Json(onlyClosed)).EnumerateArray(), r => r.GetProperty("service_request_id").GetString() == id);
    }

    [Fact]
    public async Task The_public_listing_carries_no_tracking_code_and_no_reporter()
    {
        using var created = await system.Http.PostAsync("/open311/v2/requests.json", Request(SystemFixture.Open311Key));
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        using var listing = await system.Http.GetAsync("/open311/v2/requests.json");
        var text = await listing.Content.ReadAsStringAsync();
        Assert.NotEqual("[]", text);
        // Tracking codes look like BG-XXXX-XXXX; the reporter gave a name and phone in the form.
        Assert.DoesNotMatch(@"BG-\w{4}-\w{4}", text);
        foreach (var personal in new[] { "Lê", "Văn C", "0912345678", "nguoidan@", "Thôn Đồng Gianh" }) Assert.DoesNotContain(personal, text);
    }

    [Fact]
    public async Task Services_and_their_definition_list_categories_and_communes()
    {
        using var services = await system.Http.GetAsync("/open311/v2/services.json");
        var list = (await Json(services)).EnumerateArray().ToList();
        Assert.Equal(13, list.Count);
        var fire = Assert.Single(list, s => s.GetProperty("service_code").GetString() == "fire");
        Assert.Equal(("realtime", true), (fire.GetProperty("type").GetString(), fire.GetProperty("metadata").GetBoolean()));

        using var definition = await system.Http.GetAsync("/open311/v2/services/fire.json");
        var attribute = Assert.Single((await Json(definition)).GetProperty("attributes").EnumerateArray());
        Assert.Equal(("commune", "singlevaluelist"), (attribute.GetProperty("code").GetString(), attribute.GetProperty("datatype").GetString()));
        Assert.Contains(attribute.GetProperty("values").EnumerateArray(), v => v.GetProperty("key").GetString() == Reports.DaiSon && v.GetProperty("name").GetString() == "Xã Đại Sơn");
    }

    [Fact]
    public async Task Errors_come_as_the_specs_array_with_403_404_and_400()
    {
        async Task<(HttpStatusCode, string)> Post(FormUrlEncodedContent body)
        {
            using var response = await system.Http.PostAsync("/open311/v2/requests.json", body);
            var error = Assert.Single((await Json(response)).EnumerateArray());
            Assert.Equal((int)response.StatusCode, error.GetProperty("code").GetInt32());
            return (response.StatusCode, error.GetProperty("description").GetString()!);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await Post(Request("not-a-key"))).Item1);
        Assert.Equal(HttpStatusCode.NotFound, (await Post(Request(SystemFixture.Open311Key, serviceCode: "volcano"))).Item1);
        var (status, description) = await Post(Request(SystemFixture.Open311Key, withLocation: false));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("location", description);
        using var missing = await system.Http.GetAsync("/open311/v2/requests/BG-ZZZZ-ZZZZ.json");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        using var range = await system.Http.GetAsync("/open311/v2/requests.json?start_date=2026-01-01T00:00:00Z&end_date=2026-11-01T00:00:00Z");
        Assert.Equal(HttpStatusCode.BadRequest, range.StatusCode);
    }
}
