using System.Net;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Api.Zalo;
using BacGiang.Incidents.Tests.Support;

namespace BacGiang.Incidents.Tests.EndToEnd;

/// <summary>A citizen reports by chatting with the OA: signed webhook events in, replies out through the (fake) OA API.</summary>
[Collection(SystemCollection.Name)]
public class ZaloTests(SystemFixture system)
{
    private Task<HttpResponseMessage> Deliver(string userId, string eventName, object message, string? signature = null,
        string appId = SystemFixture.ZaloAppId, TimeSpan? age = null) =>
        system.Http.SendAsync(ZaloEvents.Signed(userId, eventName, message, signature, appId, age));

    private static object Text(string msgId, string text) => new { text, msg_id = msgId };

    private static object Location(string msgId, string latitude = "21.3012", string longitude = "106.6109") => new
    {
        attachments = new[] { new { payload = new { coordinates = new { latitude, longitude } }, type = "location" } },
        text = "Đồi thông thôn Đồng Gianh",
        msg_id = msgId,
    };

    private static object Image(string msgId) => new
    {
        attachments = new[] { new { payload = new { url = $"https://photo.zdn.example/{msgId}.jpg", thumbnail = "https://photo.zdn.example/t.jpg" }, type = "image" } },
        text = "",
        msg_id = msgId,
    };

    private static string NewUser() => Random.Shared.NextInt64(1_000_000_000_000_000, 9_000_000_000_000_000).ToString();

    private async Task<IReadOnlyList<string>> Replies(string userId, int count)
    {
        await Eventually.True(() => Task.FromResult(system.ZaloOa.To(userId).Count >= count), $"{count} replies to {userId}");
        return system.ZaloOa.To(userId);
    }

    [Fact]
    public async Task Text_then_location_then_photo_files_one_incident_and_the_reply_carries_its_tracking_code()
    {
        var user = NewUser();
        Assert.Equal(HttpStatusCode.OK, (await Deliver(user, "user_send_text", Text("m1-" + user, "Đường bị sụt lún, ổ gà lớn ở xã Đại Sơn"))).StatusCode);
        Assert.Contains("vị trí", (await Replies(user, 1))[0]);
        Assert.Equal(HttpStatusCode.OK, (await Deliver(user, "user_send_location", Location("m2-" + user))).StatusCode);
        Assert.Contains("ảnh", (await Replies(user, 2))[1]);
        Assert.Equal(HttpStatusCode.OK, (await Deliver(user, "user_send_image", Image("m3-" + user))).StatusCode);

        var confirmation = (await Replies(user, 3))[2];
        var code = System.Text.RegularExpressions.Regex.Match(confirmation, @"BG-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        Assert.NotEmpty(code);
        Assert.All(system.ZaloOa.Messages.Where(m => m.UserId == user), m => Assert.Equal(FakeZaloOa.FirstAccessToken, m.AccessToken));

        using var supervisor = await system.ClientFor("Supervisor");
        var incident = (await Api.Get(supervisor, $"/api/incidents/{code}")).Body;
        Assert.Equal(("road_damage", "P3", Reports.DaiSon, "assigned"), (incident.GetProperty("category").GetString(), incident.GetProperty("priority").GetString(),
            incident.GetProperty("commune").GetString(), incident.GetProperty("status").GetString()));
        var report = incident.GetProperty("report");
        Assert.Equal("zalo", report.GetProperty("channel").GetString());
        Assert.Equal(21.3012, report.GetProperty("location").GetProperty("lat").GetDouble());
        Assert.Single(report.GetProperty("photos").EnumerateArray());
        Assert.False(report.TryGetProperty("replyTo", out _), "the Zalo user id is not shown");

        // The officer acknowledges: the citizen hears of it on Zalo.
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(supervisor, $"/api/incidents/{code}/acknowledge", null)).Response.StatusCode);
        Assert.Contains("xã đã tiếp nhận", (await Replies(user, 4))[3]);
    }

    [Fact]
    public async Task A_redelivered_event_and_a_badly_signed_one_change_nothing()
    {
        var user = NewUser();
        var first = Text("r1-" + user, "Đèn đường hỏng ở Sơn Động");
        Assert.Equal(HttpStatusCode.OK, (await Deliver(user, "user_send_text", first)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Deliver(user, "user_send_text", first)).StatusCode);
        await Replies(user, 1);

        foreach (var bad in new Func<Task<HttpResponseMessage>>[]
                 {
                     () => Deliver(user, "user_send_location", Location("r2-" + user), signature: "mac=" + new string('0', 64)),
                     () => Deliver(user, "user_send_location", Location("r2-" + user), signature: ""),
                     () => Deliver(user, "user_send_location", Location("r2-" + user), appId: "someone-elses-app"),
                     () => Deliver(user, "user_send_location", Location("r2-" + user), age: TimeSpan.FromHours(25)),
                 })
        {
            using var response = await bad();
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using var supervisor = await system.ClientFor("Supervisor");
        var conversation = (await Api.Get(supervisor, $"/api/zalo/conversations/{user}")).Body;
        Assert.Equal("location", conversation.GetProperty("askingFor").GetString());
        Assert.Empty(conversation.GetProperty("filedIncidents").EnumerateArray());
        Assert.Single(conversation.GetProperty("messages").EnumerateArray());
        Assert.Single(system.ZaloOa.To(user));
    }

    [Fact]
    public async Task A_reply_the_oa_refuses_is_retried_and_delivered_and_its_attempts_are_visible()
    {
        var user = NewUser();
        system.ZaloOa.FailNext(2);
        Assert.Equal(HttpStatusCode.OK, (await Deliver(user, "user_send_text", Text("f1-" + user, "Ngập nước sâu ở Đại Sơn"))).StatusCode);

        Assert.Single(await Replies(user, 1));
        using var supervisor = await system.ClientFor("Supervisor");
        var message = (await Api.Get(supervisor, $"/api/zalo/conversations/{user}")).Body.GetProperty("messages")[0];
        Assert.Equal(("sent", 3), (message.GetProperty("state").GetString(), message.GetProperty("attempts").GetInt32()));
    }

    [Fact]
    public async Task A_zalo_report_of_an_incident_already_reported_and_acknowledged_joins_it_and_the_reply_gives_its_code()
    {
        // Someone reported the fire from the app and the commune has acknowledged it.
        var (lat, lon) = (21.4012, 106.3109);
        var (_, first) = await Api.Post(system.Http, "/api/reports", new { category = "fire", description = "Cháy nhà kho", lat, lon, communeCode = Reports.DaiSon });
        var id = first.GetProperty("incidentId").GetString()!;
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(officer, $"/api/incidents/{id}/acknowledge", null)).Response.StatusCode);

        // The place first, then what happens: a fire is filed at once, and near the known one it joins it.
        var user = NewUser();
        await Deliver(user, "user_send_location", new
        {
            attachments = new[] { new { payload = new { coordinates = new { latitude = "21.4015", longitude = "106.3110" } }, type = "location" } },
            text = "",
            msg_id = "d1-" + user,
        });
        await Deliver(user, "user_send_text", Text("d2-" + user, "Cháy lớn ở Đại Sơn"));
        var joined = (await Replies(user, 2))[1];
        Assert.Contains(id, joined);
        Assert.Contains("đã được ghi thêm vào sự cố", joined);
        Assert.Contains("114", joined);
        await Deliver(user, "user_send_text", Text("d3-" + user, "không"));
        // (The incident's current status may reach the new reporter in between.)
        await ReplyContaining(user, "Cảm ơn bạn! Chúng tôi sẽ nhắn");
        using var supervisor = await system.ClientFor("Supervisor");
        Assert.Equal(2, (await Api.Get(supervisor, $"/api/incidents/{id}")).Body.GetProperty("reportCount").GetInt32());
    }

    [Fact]
    public async Task After_resolution_the_reporter_hears_the_true_outcome_and_is_asked_to_rate_and_a_digit_reply_is_recorded_once()
    {
        var user = NewUser();
        await Deliver(user, "user_send_text", Text("q1-" + user, "Rác đổ trộm bên đường ở Đại Sơn"));
        await Deliver(user, "user_send_location", Location("q2-" + user));
        await Deliver(user, "user_send_text", Text("q3-" + user, "không"));
        var code = System.Text.RegularExpressions.Regex.Match((await Replies(user, 3))[2], @"BG-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        Assert.NotEmpty(code);

        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        using var staff = await system.ClientFor("AgencyStaff", agency: "urenco");
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(officer, $"/api/incidents/{code}/acknowledge", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{code}/start", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{code}/resolve",
            new { outcome = "not_responsible", referredTo = "Ban quản lý khu công nghiệp" })).Response.StatusCode);

        var resolved = await ReplyContaining(user, "đến 5");
        Assert.Contains("đã được chuyển đến Ban quản lý khu công nghiệp", resolved);
        Assert.DoesNotContain("xử lý xong", resolved);

        await Deliver(user, "user_send_text", Text("q4-" + user, "4"));
        Assert.Contains(code, await ReplyContaining(user, "đánh giá 4/5"));
        // The prompt is answered: another digit is no rating (it starts a new report instead).
        await Deliver(user, "user_send_text", Text("q5-" + user, "5"));

        using var supervisor = await system.ClientFor("Supervisor");
        var rated = (await Api.Get(supervisor, $"/api/incidents/{code}/timeline")).Body.EnumerateArray()
            .Where(e => e.GetProperty("type").GetString() == "Rated").ToList();
        var rating = Assert.Single(rated);
        Assert.Equal((4, "zalo", "zalo:" + user), (rating.GetProperty("stars").GetInt32(), rating.GetProperty("channel").GetString(),
            rating.GetProperty("actor").GetProperty("id").GetString()));
        // The staff's view of the incident lists the rating, not the Zalo id of who gave it.
        var ratings = (await Api.Get(supervisor, $"/api/incidents/{code}")).Body.GetProperty("ratings");
        Assert.Equal(4, Assert.Single(ratings.EnumerateArray()).GetProperty("stars").GetInt32());
        Assert.DoesNotContain(user, ratings.GetRawText());
        // The tracking page's own rating is separate: the Zalo reporter's does not use it up.
        Assert.True((await Api.Get(system.Http, $"/api/track/{code}")).Body.GetProperty("canRate").GetBoolean());
    }

    /// <summary>A complete report in three messages (text, location, "không"); the code from the confirmation.</summary>
    private async Task<string> FileReport(string user, string text = "Rác đổ trộm bên đường ở Đại Sơn")
    {
        var before = system.ZaloOa.To(user).Count;
        await Deliver(user, "user_send_text", Text($"{Guid.NewGuid():N}", text));
        // A place of its own, so no other test's report of the same kind is taken for a duplicate of it. A band of
        // 0.2° on one meridian left about one chance in ten per run that two garbage reports fell within the 150 m
        // radius (a 409 on acknowledging an incident another test had acknowledged); over this area it is about 1 in 50,000.
        string Coordinate(double from, double span) => (from + Random.Shared.NextDouble() * span).ToString("F5", System.Globalization.CultureInfo.InvariantCulture);
        await Deliver(user, "user_send_location", Location($"{Guid.NewGuid():N}", Coordinate(21.2, 0.35), Coordinate(106.0, 0.9)));
        await Deliver(user, "user_send_text", Text($"{Guid.NewGuid():N}", "không"));
        var code = System.Text.RegularExpressions.Regex.Match((await Replies(user, before + 3))[before + 2], @"BG-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        Assert.NotEmpty(code);
        return code;
    }

    private async Task<List<System.Text.Json.JsonElement>> Events(HttpClient staff, string code, string type) =>
        (await Api.Get(staff, $"/api/incidents/{code}/timeline")).Body.EnumerateArray().Where(e => e.GetProperty("type").GetString() == type).ToList();

    /// <summary>Sends a text and waits for the one reply it gets.</summary>
    private async Task<string> Ask(string user, string text)
    {
        var before = system.ZaloOa.To(user).Count;
        Assert.Equal(HttpStatusCode.OK, (await Deliver(user, "user_send_text", Text($"{Guid.NewGuid():N}", text))).StatusCode);
        return (await Replies(user, before + 1))[before];
    }

    [Fact]
    public async Task A_tracking_code_in_chat_gives_its_reporter_status_and_deadline_and_anyone_else_nothing_about_it()
    {
        var user = NewUser();
        var code = await FileReport(user);
        using var supervisor = await system.ClientFor("Supervisor");
        var lastSeq = (await Api.Get(supervisor, $"/api/incidents/{code}")).Body.GetProperty("lastSeq").GetInt64();

        // Lower case, no dashes: the reporter hears where it stands and the next deadline.
        var status = await Ask(user, "cho hỏi " + code.ToLowerInvariant().Replace("-", "") + " thế nào rồi?");
        Assert.Contains($"Sự cố {code}: đã được chuyển đến xã và cơ quan xử lý.", status);
        Assert.Matches(@"Hạn tiếp nhận: \d\d:\d\d ngày \d\d/\d\d/\d{4}", status);

        // Another citizen with the same code, and anyone with a code that does not exist: one answer, no detail.
        var stranger = NewUser();
        var foreign = await Ask(stranger, code);
        var unknown = await Ask(stranger, "BG-2222-3333");
        Assert.Equal(foreign.Replace(code, "CODE"), unknown.Replace("BG-2222-3333", "CODE"));
        Assert.Contains("chỉ trả lời về sự cố do chính bạn báo", foreign);
        Assert.DoesNotContain("Hạn", foreign);
        Assert.DoesNotContain("chuyển đến xã", foreign);

        // Asking changed nothing: no event on the incident, no report started for the stranger.
        Assert.Equal(lastSeq, (await Api.Get(supervisor, $"/api/incidents/{code}")).Body.GetProperty("lastSeq").GetInt64());
        var conversation = (await Api.Get(supervisor, $"/api/zalo/conversations/{stranger}")).Body;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, conversation.GetProperty("askingFor").ValueKind);
        Assert.Empty(conversation.GetProperty("filedIncidents").EnumerateArray());
    }

    [Fact]
    public async Task Rating_and_reopening_by_quick_reply_are_recorded_as_the_zalo_users_and_bad_ones_change_nothing()
    {
        var user = NewUser();
        var code = await FileReport(user, "Rác thải ùn ứ cạnh chợ Đại Sơn");
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        using var staff = await system.ClientFor("AgencyStaff", agency: "urenco");
        using var supervisor = await system.ClientFor("Supervisor");
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(officer, $"/api/incidents/{code}/acknowledge", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{code}/start", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{code}/resolve", new { outcome = "fixed", note = "Đã thu gom" })).Response.StatusCode);
        // The resolved update offers both quick replies.
        var resolved = await ReplyContaining(user, "đến 5");
        Assert.Contains($"\"mở lại {code}\"", resolved);

        Assert.Contains("từ 1 đến 5", await Ask(user, $"đánh giá {code} 7"));
        Assert.Contains("chỉ trả lời về sự cố do chính bạn báo", await Ask(NewUser(), $"đánh giá {code} 5"));
        Assert.Contains("chỉ trả lời về sự cố do chính bạn báo", await Ask(NewUser(), $"mở lại {code}"));
        Assert.Empty(await Events(supervisor, code, "Rated"));
        Assert.Empty(await Events(supervisor, code, "Reopened"));

        Assert.Contains("đánh giá 4/5", await Ask(user, $"Đánh giá {code} 4"));
        Assert.Contains("đã được bạn đánh giá trước đó", await Ask(user, $"đánh giá {code} 2"));
        var rating = Assert.Single(await Events(supervisor, code, "Rated"));
        Assert.Equal((4, "zalo:" + user), (rating.GetProperty("stars").GetInt32(), rating.GetProperty("actor").GetProperty("id").GetString()));

        Assert.Contains($"Đã mở lại sự cố {code}", await Ask(user, $"Mở lại {code} rác vẫn còn nguyên"));
        var reopened = Assert.Single(await Events(supervisor, code, "Reopened"));
        Assert.Equal(("zalo:" + user, "citizen", "rác vẫn còn nguyên"), (reopened.GetProperty("actor").GetProperty("id").GetString(),
            reopened.GetProperty("actor").GetProperty("kind").GetString(), reopened.GetProperty("reason").GetString()));
        // Reopened, it is being worked again: a second reopening is refused and changes nothing.
        Assert.Contains("vẫn đang được xử lý", await Ask(user, $"mở lại {code}"));
        Assert.Single(await Events(supervisor, code, "Reopened"));
    }

    [Fact]
    public async Task A_fire_is_filed_at_the_first_message_naming_its_commune_with_the_emergency_numbers_and_the_rest_is_added_to_it()
    {
        var user = NewUser();
        var first = await Ask(user, "Cháy nhà dân ở thôn Đồng Gianh, xã Đại Sơn, có người mắc kẹt!");
        var code = System.Text.RegularExpressions.Regex.Match(first, @"BG-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        Assert.NotEmpty(code);
        Assert.All(new[] { "114", "113", "115", "vị trí" }, word => Assert.Contains(word, first));
        using var supervisor = await system.ClientFor("Supervisor");
        var incident = (await Api.Get(supervisor, $"/api/incidents/{code}")).Body;
        Assert.Equal(("fire", "P1", "assigned", Reports.DaiSon), (incident.GetProperty("category").GetString(), incident.GetProperty("priority").GetString(),
            incident.GetProperty("status").GetString(), incident.GetProperty("commune").GetString()));

        // What is asked afterwards goes to the same incident, as the same citizen's report.
        var second = await ReplyTo(user, "user_send_location", Location($"{Guid.NewGuid():N}", "21.35012", "106.5"));
        Assert.Contains($"Đã bổ sung vào sự cố {code}", second);
        Assert.Contains("ảnh", second);
        var third = await ReplyTo(user, "user_send_image", Image($"{Guid.NewGuid():N}"));
        Assert.Contains("Cảm ơn", third);
        var added = await Events(supervisor, code, "ReportAttached");
        Assert.Equal(2, added.Count);
        Assert.All(added, e => Assert.Equal("zalo:" + user, e.GetProperty("actor").GetProperty("id").GetString()));
        Assert.Single(system.ZaloOa.To(user), m => m.Contains("114"));
        // The conversation is done with it: the next message starts a new report.
        var conversation = (await Api.Get(supervisor, $"/api/zalo/conversations/{user}")).Body;
        Assert.Equal(System.Text.Json.JsonValueKind.Null, conversation.GetProperty("askingFor").ValueKind);
    }

    [Fact]
    public async Task An_accident_without_a_place_asks_where_with_the_numbers_then_goes_to_triage_on_an_address_and_the_commune_follows()
    {
        var user = NewUser();
        var first = await Ask(user, "Tai nạn giao thông, hai xe máy va chạm, có người bị thương");
        Assert.All(new[] { "114", "113", "115", "Sự cố ở đâu" }, word => Assert.Contains(word, first));
        Assert.DoesNotMatch(@"BG-[2-9A-Z]{4}-[2-9A-Z]{4}", first);

        var filed = await Ask(user, "Km 15 quốc lộ 31, gần cầu Đồng Gianh");
        var code = System.Text.RegularExpressions.Regex.Match(filed, @"BG-[2-9A-Z]{4}-[2-9A-Z]{4}").Value;
        Assert.NotEmpty(code);
        Assert.Contains("xã/phường nào", filed);
        using var supervisor = await system.ClientFor("Supervisor");
        var incident = (await Api.Get(supervisor, $"/api/incidents/{code}")).Body;
        Assert.Equal(("traffic_accident", "received"), (incident.GetProperty("category").GetString(), incident.GetProperty("status").GetString()));

        Assert.Contains("ảnh", await Ask(user, "Đại Sơn"));
        Assert.Contains("Cảm ơn", await Ask(user, "không"));
        var commune = Assert.Single(await Events(supervisor, code, "ReportAttached"));
        Assert.Equal(Reports.DaiSon, commune.GetProperty("report").GetProperty("communeCode").GetString());
    }

    [Fact]
    public async Task A_citizens_answer_while_their_incident_waits_is_offered_to_it_attached_and_resumes_it_and_bao_moi_starts_a_new_report()
    {
        var user = NewUser();
        var code = await FileReport(user, "Rác thải đổ trộm ven kênh ở Đại Sơn");
        using var officer = await system.ClientFor("CommuneOfficer", commune: Reports.DaiSon);
        using var staff = await system.ClientFor("AgencyStaff", agency: "urenco");
        using var supervisor = await system.ClientFor("Supervisor");
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(officer, $"/api/incidents/{code}/acknowledge", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{code}/start", null)).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{code}/wait", new { reason = "Cần vị trí chính xác bãi rác" })).Response.StatusCode);
        await ReplyContaining(user, "cần thêm thông tin từ bạn");

        // Their next message is not taken for a new report: they are asked which it is.
        var offer = await Ask(user, "Bãi rác ở ngay sau nhà văn hóa thôn Đồng Gianh");
        Assert.Contains($"\"về {code}\"", offer);
        Assert.Contains("\"báo mới\"", offer);
        Assert.Contains("tiếp tục được xử lý", await Ask(user, $"về {code}"));

        var attached = Assert.Single(await Events(supervisor, code, "ReportAttached"));
        Assert.Equal(("zalo:" + user, "Bãi rác ở ngay sau nhà văn hóa thôn Đồng Gianh"),
            (attached.GetProperty("actor").GetProperty("id").GetString(), attached.GetProperty("report").GetProperty("description").GetString()));
        // Garbage's policy pauses the clock while it waits for the citizen: their answer ends the wait.
        var resumed = Assert.Single(await Events(supervisor, code, "Resumed"));
        Assert.Equal("zalo:" + user, resumed.GetProperty("actor").GetProperty("id").GetString());
        Assert.Equal("in_progress", (await Api.Get(supervisor, $"/api/incidents/{code}")).Body.GetProperty("status").GetString());

        // Waiting again; this time the photo is about something else.
        Assert.Equal(HttpStatusCode.OK, (await Api.Post(staff, $"/api/incidents/{code}/wait", new { reason = "Cần ảnh" })).Response.StatusCode);
        await Eventually.True(() => Task.FromResult(system.ZaloOa.To(user).Count(m => m.Contains("cần thêm thông tin từ bạn")) == 2), "the second wait reached the citizen");
        Assert.Contains($"\"về {code}\"", await ReplyTo(user, "user_send_image", Image($"{Guid.NewGuid():N}")));
        Assert.Contains("Bạn muốn báo sự cố gì", await Ask(user, "báo mới"));
        Assert.Single(await Events(supervisor, code, "ReportAttached"));
        Assert.Equal("waiting", (await Api.Get(supervisor, $"/api/incidents/{code}")).Body.GetProperty("status").GetString());
    }

    private async Task<string> ReplyTo(string user, string eventName, object message)
    {
        var before = system.ZaloOa.To(user).Count;
        Assert.Equal(HttpStatusCode.OK, (await Deliver(user, eventName, message)).StatusCode);
        return (await Replies(user, before + 1))[before];
    }

    private async Task<string> ReplyContaining(string userId, string text)
    {
        await Eventually.True(() => Task.FromResult(system.ZaloOa.To(userId).Any(m => m.Contains(text, StringComparison.Ordinal))), $"a reply to {userId} with '{text}'");
        return system.ZaloOa.To(userId).Last(m => m.Contains(text, StringComparison.Ordinal));
    }
}
