using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Grains.Zalo;
using NodaTime;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>The Zalo rating conversation and the outcome texts, as plain rules: no cluster.</summary>
public sealed class ZaloRatingPromptTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 2, 0);
    private const string Code = "BG-7K3M-Q9TX";

    private static ZaloIncoming Text(string text) => new() { MsgId = Guid.NewGuid().ToString("N"), Kind = ZaloMessageKind.Text, Text = text, At = T0 };

    [Theory]
    [InlineData("4", 4)]
    [InlineData(" 5 ", 5)]
    [InlineData("1.", 1)]
    [InlineData("3 sao", 3)]
    [InlineData("5 Sao!", 5)]
    [InlineData("0", null)]
    [InlineData("6", null)]
    [InlineData("45", null)]
    [InlineData("4 người bị thương", null)]
    [InlineData("", null)]
    public void Only_a_single_digit_one_to_five_is_a_rating(string text, int? stars) => Assert.Equal(stars, RatingPrompt.Stars(text));

    [Fact]
    public void A_digit_rates_only_while_the_prompt_is_the_open_question()
    {
        var s = new ZaloConversationState();
        Assert.Null(RatingPrompt.Answer(s, Text("4")));

        s.Enqueue("update + prompt", DeliveryState.Pending, T0, Code, ratingFor: Code);
        Assert.Equal((Code, 4), RatingPrompt.Answer(s, Text("4")));
        Assert.Null(RatingPrompt.Answer(s, Text("rác lại đổ ra rồi")));
        Assert.Null(RatingPrompt.Answer(s, new ZaloIncoming { MsgId = "img", Kind = ZaloMessageKind.Image, ImageUrl = "https://x/y.jpg", Text = "4", At = T0 }));

        // A prompt held for the citizen's return is not yet a question.
        var held = new ZaloConversationState();
        held.Enqueue("update + prompt", DeliveryState.WaitingForCitizen, T0, Code, ratingFor: Code);
        Assert.Null(RatingPrompt.Answer(held, Text("4")));
        held.Asked(held.Outbox[0]);
        Assert.Equal((Code, 4), RatingPrompt.Answer(held, Text("4")));
    }

    [Fact]
    public void The_prompt_comes_with_a_resolution_and_with_closing_only_if_not_asked_and_never_once_rated()
    {
        var s = new ZaloConversationState();
        Assert.False(RatingPrompt.Due(s, Code, IncidentStatus.InProgress, false));
        Assert.True(RatingPrompt.Due(s, Code, IncidentStatus.Closed, false));
        Assert.True(RatingPrompt.Due(s, Code, IncidentStatus.Resolved, false));
        ZaloConversationState.Remember(s.Prompted, Code);
        Assert.False(RatingPrompt.Due(s, Code, IncidentStatus.Closed, false));
        Assert.True(RatingPrompt.Due(s, Code, IncidentStatus.Closed, replacingHeldPrompt: true));
        ZaloConversationState.Remember(s.Rated, Code);
        Assert.False(RatingPrompt.Due(s, Code, IncidentStatus.Resolved, false));

        s.RatingAskedFor = Code;
        s.Forget(Code);
        Assert.Equal((false, false, null), (s.Prompted.Contains(Code), s.Rated.Contains(Code), s.RatingAskedFor));
    }

    [Fact]
    public void A_status_update_says_the_true_outcome()
    {
        var fixedText = ReportAssembler.StatusUpdate(Code, IncidentStatus.Resolved, new Resolution(ResolutionOutcome.Fixed, "Đã thu gom", null, null, null));
        Assert.Contains("đã được xử lý xong. Đã thu gom.", fixedText);

        var notFixed = ReportAssembler.StatusUpdate(Code, IncidentStatus.Resolved, new Resolution(ResolutionOutcome.NotFixed, null, "Đường thuộc dự án chưa bàn giao", null, null));
        Assert.Contains("chưa thể khắc phục được. Lý do: Đường thuộc dự án chưa bàn giao.", notFixed);
        Assert.DoesNotContain("xử lý xong", notFixed);

        var referred = ReportAssembler.StatusUpdate(Code, IncidentStatus.Resolved, new Resolution(ResolutionOutcome.NotResponsible, null, null, "Điện lực Bắc Giang", null));
        Assert.Contains("đã được chuyển đến Điện lực Bắc Giang.", referred);
        Assert.DoesNotContain("xử lý xong", referred);

        Assert.Contains("kết quả: chưa thể khắc phục", ReportAssembler.StatusUpdate(Code, IncidentStatus.Closed, new Resolution(ResolutionOutcome.NotFixed, null, "x", null, null)));
        Assert.Contains("Cảm ơn bạn đã báo tin", ReportAssembler.StatusUpdate(Code, IncidentStatus.Closed, new Resolution(ResolutionOutcome.Fixed, null, null, null, null)));
    }

    [Fact]
    public void The_prompt_asks_for_one_to_five_and_the_replies_name_the_incident()
    {
        Assert.Contains("1", RatingPrompt.Question(Code));
        Assert.Contains("5", RatingPrompt.Question(Code));
        Assert.Contains(Code, RatingPrompt.Question(Code));
        Assert.Contains("4/5", RatingPrompt.Thanks(Code, 4));
        Assert.Contains("một lần", RatingPrompt.AlreadyRated(Code));
    }
}
