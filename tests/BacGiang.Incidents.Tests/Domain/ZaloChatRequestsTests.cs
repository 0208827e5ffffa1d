using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Grains.Zalo;
using BacGiang.Incidents.Sla;
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
}
