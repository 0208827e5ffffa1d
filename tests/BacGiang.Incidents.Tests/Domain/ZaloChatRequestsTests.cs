using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Grains.Zalo;
using BacGiang.Incidents.Sla;
using Commands = BacGiang.Incidents.Domain.Commands;
using NodaTime;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>What a chat message asks about a report (status, reopen, rating), and the answers: plain rules, no cluster.</summary>
public sealed class ZaloChatRequestsTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 2, 0);
    private const string Code = "BG-7K3M-Q9TX";

    private static ChatRequest? Read(string text) =>
        ChatRequests.Read(new ZaloIncoming { MsgId = "m", Kind = ZaloMessageKind.Text, Text = text, At = T0 });

    [Theory]
    [InlineData("BG-7K3M-Q9TX")]
    [InlineData("bg-7k3m-q9tx")]
    [InlineData("bg7k3mq9tx")]
    [InlineData("Cho tôi hỏi sự cố BG7K3M-Q9TX xử lý đến đâu rồi?")]
    [InlineData("mã: bg 7k3m q9tx")]
    public void A_code_in_any_case_with_or_without_dashes_asks_for_the_status(string text) =>
        Assert.Equal(new ChatRequest.Status(Code), Read(text));

    [Fact]
    public void A_mistyped_code_is_still_a_question_about_a_code_not_a_new_report() =>
        Assert.Equal(new ChatRequest.Status("BG-0000-1111"), Read("bg-0000-1111"));

    [Theory]
    [InlineData("Mở lại BG-7K3M-Q9TX rác vẫn chưa được dọn", "rác vẫn chưa được dọn")]
    [InlineData("mo lai bg7k3mq9tx", null)]
    [InlineData("BG-7K3M-Q9TX mở lại: đèn lại hỏng", "đèn lại hỏng")]
    public void Mo_lai_and_a_code_asks_to_reopen_with_the_citizens_own_reason(string text, string? reason) =>
        Assert.Equal(new ChatRequest.Reopen(Code, reason), Read(text));

    [Theory]
    [InlineData("Đánh giá BG-7K3M-Q9TX 4", 4)]
    [InlineData("đánh giá bg7k3mq9tx 5 sao", 5)]
    [InlineData("BG-7K3M-Q9TX 1", 1)]
    [InlineData("đánh giá BG-7K3M-Q9TX 6", null)]
    [InlineData("đánh giá BG-7K3M-Q9TX 0", null)]
    [InlineData("đánh giá BG-7K3M-Q9TX", null)]
    [InlineData("đánh giá BG-7K3M-Q9TX 3 4", null)]
    public void Danh_gia_and_a_number_rates_and_a_number_outside_one_to_five_is_no_rating(string text, int? stars) =>
        Assert.Equal(new ChatRequest.Rate(Code, stars), Read(text));

    [Theory]
    [InlineData("Cháy nhà ở Đại Sơn")]
    [InlineData("4")]
    [InlineData("bgxx")]
    [InlineData("")]
    public void A_message_without_a_code_is_no_request(string text) => Assert.Null(Read(text));

    [Fact]
    public void A_photo_is_no_request() =>
        Assert.Null(ChatRequests.Read(new ZaloIncoming { MsgId = "i", Kind = ZaloMessageKind.Image, ImageUrl = "https://x/y.jpg", Text = Code, At = T0 }));

    [Fact]
    public void The_status_answer_gives_status_outcome_next_deadline_in_vietnam_time_and_the_quick_replies_that_apply()
    {
        var open = View(IncidentStatus.Acknowledged);
        var sla = Sla(new SlaClockView { Kind = EscalationKind.Resolve, Round = 0, StartedAt = T0, Deadline = Instant.FromUtc(2026, 11, 24, 8, 30), Running = true, BusinessTimeRemaining = Duration.FromHours(4) });
        var answer = ChatRequests.StatusAnswer(open, sla, T0);
        Assert.Contains("xã đã tiếp nhận", answer);
        Assert.Contains("Hạn xử lý: 15:30 ngày 24/11/2026", answer);
        Assert.DoesNotContain("mở lại", answer);

        var resolved = View(IncidentStatus.Resolved) with { ResolvedAt = T0, Resolution = new Resolution(ResolutionOutcome.NotFixed, null, "Chưa có kinh phí", null, null) };
        var inWindow = ChatRequests.StatusAnswer(resolved, null, T0 + Duration.FromDays(2));
        Assert.Contains("chưa thể khắc phục được. Lý do: Chưa có kinh phí.", inWindow);
        Assert.Contains($"\"mở lại {Code}\"", inWindow);
        Assert.Contains($"\"đánh giá {Code} 5\"", inWindow);
        var pastWindow = ChatRequests.StatusAnswer(resolved, null, T0 + IncidentLifecycle.ReopenWindow + Duration.FromMinutes(1));
        Assert.DoesNotContain("mở lại", pastWindow);
        Assert.Contains("đánh giá", pastWindow);
    }

    [Fact]
    public void A_refused_reopening_says_why_from_the_incidents_status()
    {
        Assert.Contains("hơn 7 ngày", ChatRequests.CannotReopen(Code, IncidentStatus.Resolved));
        Assert.Contains("đã kết thúc", ChatRequests.CannotReopen(Code, IncidentStatus.Closed));
        Assert.Contains("vẫn đang được xử lý", ChatRequests.CannotReopen(Code, IncidentStatus.InProgress));
    }

    [Fact]
    public void An_unknown_code_and_another_persons_get_one_answer_with_nothing_about_the_incident()
    {
        var answer = ChatRequests.NotYours(Code);
        Assert.Contains(Code, answer);
        Assert.DoesNotContain("xử lý xong", answer);
        Assert.DoesNotContain("Hạn", answer);
    }

    private static IncidentView View(IncidentStatus status) => new()
    {
        Id = Code, TrackingCode = Code, Status = status, Category = "garbage_dumping", Priority = Priority.P3,
        ReportedAt = T0, UpdatedAt = T0, LastSeq = 3, AllowedActions = [],
        Report = new ReportDetails { Category = "garbage_dumping", Description = "Rác", Channel = "zalo" },
    };

    private static SlaView Sla(params SlaClockView[] clocks) => new()
    {
        IncidentId = Code, Policy = null!, Now = T0, Clocks = clocks, Fired = [], Pending = [], EscalationLevel = 0,
    };

    [Theory]
    [InlineData("về BG-7K3M-Q9TX")]
    [InlineData("Về bg7k3mq9tx")]
    [InlineData("là về BG-7K3M-Q9TX")]
    public void Ve_and_a_code_sends_the_held_message_to_that_incident(string text) => Assert.Equal(new ChatRequest.About(Code), Read(text));

    [Fact]
    public void A_message_is_held_and_the_choice_offered_only_while_an_incident_waits_and_no_report_is_under_way()
    {
        var s = new ZaloConversationState();
        Assert.False(WaitingOffer.Applies(s));
        s.Waiting.Add(Code);
        Assert.True(WaitingOffer.Applies(s));
        s.Draft.Description = "Rác đổ trộm";
        Assert.False(WaitingOffer.Applies(s)); // the message continues the report in progress
        s.Draft = new ZaloDraft();
        s.Held = new ZaloIncoming { MsgId = "h", Kind = ZaloMessageKind.Text, Text = "ở sau nhà văn hóa", At = T0 };
        Assert.False(WaitingOffer.Applies(s)); // already offered

        var offer = WaitingOffer.Offer([Code]);
        Assert.Contains($"\"về {Code}\"", offer);
        Assert.Contains("\"báo mới\"", offer);
        Assert.True(WaitingOffer.ChoosesNewReport(new ZaloIncoming { MsgId = "n", Kind = ZaloMessageKind.Text, Text = "Báo mới", At = T0 }));
        Assert.False(WaitingOffer.ChoosesNewReport(new ZaloIncoming { MsgId = "n", Kind = ZaloMessageKind.Text, Text = "rác vẫn còn", At = T0 }));
    }

    [Fact]
    public void A_citizen_may_resume_an_incident_waiting_for_them_and_nothing_else()
    {
        var lifecycle = new IncidentLifecycle();
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P3, Support.Reports.Garbage(),
                     RoutingDecision.Routed(Support.Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("zalo:1"), T0)) lifecycle.Apply(e);
        var citizen = Actor.Citizen("zalo:1");
        Assert.Equal(CommandResultKind.Forbidden, lifecycle.Decide(new Commands.Acknowledge(), citizen, T0).Result.Kind);
        var staff = new Actor(ActorRole.AgencyStaff, "s1", Agency: "urenco");
        foreach (var command in new Commands.IncidentCommand[] { new Commands.Acknowledge(), new Commands.Start(), new Commands.Wait { Reason = "Cần ảnh" } })
            foreach (var e in lifecycle.Decide(command, command is Commands.Acknowledge ? new Actor(ActorRole.CommuneOfficer, "o1", Commune: Support.Reports.DaiSon) : staff, T0).Events)
                lifecycle.Apply(e);
        Assert.Equal(IncidentStatus.Waiting, lifecycle.Status);
        Assert.Equal(CommandResultKind.Done, lifecycle.Decide(new Commands.Resume { Note = "Đã trả lời" }, citizen, T0).Result.Kind);
    }
}
