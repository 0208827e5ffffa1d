using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Grains.Zalo;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;
using NodaTime;

namespace BacGiang.Incidents.Tests.Reference;

/// <summary>The Zalo chat rules without a cluster: what each message adds and what is asked next.</summary>
public class ReportAssemblerTests
{
    private static readonly Instant Now = Instant.FromUtc(2026, 11, 23, 2, 0);
    private static readonly ReferenceData Data = ReferenceDataLoader.Load(Repo.DataDirectory);
    private readonly ReportAssembler assembler = new(Data, code => code.StartsWith("07", StringComparison.Ordinal));
    private int n;

    private ZaloIncoming Text(string text) => new() { MsgId = $"m{++n}", Kind = ZaloMessageKind.Text, Text = text, At = Now };
    private ZaloIncoming Photo(string url) => new() { MsgId = $"m{++n}", Kind = ZaloMessageKind.Image, ImageUrl = url, At = Now };
    private ZaloIncoming Place(string? text) => new() { MsgId = $"m{++n}", Kind = ZaloMessageKind.Location, Location = new GeoPoint(21.3, 106.4), Text = text, At = Now };

    /// <summary>The chat as the conversation grain runs it: each message applied, then the next question asked (null: file it).</summary>
    private string? Send(ZaloDraft draft, ZaloIncoming message)
    {
        assembler.Apply(draft, message, Now);
        return ReportAssembler.Ask(draft, message);
    }

    [Theory]
    [InlineData("Cháy rừng, khói bốc cao", "fire")]
    [InlineData("ngap nuoc sau qua", "flood")]
    [InlineData("Có ổ gà lớn giữa đường", "road_damage")]
    [InlineData("Đèn đường không sáng", "street_light")]
    [InlineData("Xe máy va chạm, có người bị thương", "traffic_accident")]
    [InlineData("Đổ rác bừa bãi", "garbage_dumping")]
    [InlineData("Mất điện cả xóm", "electricity_outage")]
    [InlineData("Chó sủa to", null)]
    public void A_category_is_guessed_from_words_with_or_without_tone_marks(string text, string? category) =>
        Assert.Equal(category, ReportAssembler.GuessCategory(BacGiang.Incidents.ReadModel.SearchText.Fold(text)));

    [Fact]
    public void The_commune_named_in_a_message_is_found_and_the_longest_name_wins()
    {
        Assert.Equal(Reports.DaiSon, assembler.FindCommune("Cháy ở xã Đại Sơn rồi", Now));
        Assert.Equal(Reports.SonDong, assembler.FindCommune("son dong", Now));
        Assert.Null(assembler.FindCommune("ở Hà Nội", Now));
    }

    [Fact]
    public void It_asks_for_place_commune_and_photo_in_turn_and_no_means_no_photo()
    {
        var draft = new ZaloDraft();
        Assert.Equal(ReportAssembler.AskDescription, ReportAssembler.Missing(draft));
        assembler.Apply(draft, Text("Rác đổ trộm ven đường"), Now);
        Assert.Equal((ReportAssembler.AskLocation, "garbage_dumping"), (ReportAssembler.Missing(draft), draft.Category));
        draft.AskedFor = ReportAssembler.AskLocation;
        assembler.Apply(draft, Text("Thôn Đồng Gianh"), Now);
        Assert.Equal(("Thôn Đồng Gianh", ReportAssembler.AskCommune), (draft.Address, ReportAssembler.Missing(draft)));
        draft.AskedFor = ReportAssembler.AskCommune;
        assembler.Apply(draft, Text("Đại Sơn"), Now);
        Assert.Equal((Reports.DaiSon, ReportAssembler.AskPhoto), (draft.CommuneCode, ReportAssembler.Missing(draft)));
        draft.AskedFor = ReportAssembler.AskPhoto;
        assembler.Apply(draft, Text("Không"), Now);
        Assert.Null(ReportAssembler.Missing(draft));
        Assert.Equal("Rác đổ trộm ven đường", assembler.ToReport(draft, "u1").Description);
    }

    [Fact]
    public void A_commune_that_is_not_served_is_asked_for_again_saying_it_was_not_found()
    {
        var draft = new ZaloDraft();
        Send(draft, Text("Rác đổ trộm ven đường"));
        Assert.Equal(ReportAssembler.Question(ReportAssembler.AskCommune, again: false), Send(draft, Text("Thôn Đồng Gianh")));
        Assert.Equal(ReportAssembler.Question(ReportAssembler.AskCommune, again: true), Send(draft, Text("Hà Nội")));
    }

    [Fact]
    public void A_photo_or_a_location_sent_while_the_commune_is_asked_is_kept_and_the_question_asked_again_as_it_was()
    {
        var draft = new ZaloDraft();
        Send(draft, Text("Rác đổ trộm ven đường"));
        var asked = Send(draft, Text("Thôn Đồng Gianh"));
        Assert.Equal(ReportAssembler.Question(ReportAssembler.AskCommune, again: false), asked);

        // Neither answers "which commune?": no "not in the list", just the question again.
        Assert.Equal(asked, Send(draft, Photo("https://example.org/a.jpg")));
        Assert.Equal(asked, Send(draft, Place(null)));
        Assert.Equal(["https://example.org/a.jpg"], draft.Photos);
        Assert.NotNull(draft.Location);

        // The answer then completes the report, photo included: nothing more to ask.
        Assert.Null(Send(draft, Text("Đại Sơn")));
        Assert.Equal((Reports.DaiSon, 1), (draft.CommuneCode, assembler.ToReport(draft, "u1").Photos.Count));
    }

    [Fact]
    public void An_emergency_is_filed_once_its_category_and_any_hint_of_the_place_are_known_and_nothing_else_is()
    {
        var fire = new ZaloDraft();
        assembler.Apply(fire, Text("Cháy nhà dân ở xã Đại Sơn"), Now);
        Assert.True(assembler.IsEmergency(fire));
        Assert.True(assembler.FileNow(fire)); // the commune is the hint; location and photo come afterwards
        Assert.Equal(ReportAssembler.AskLocation, ReportAssembler.Missing(fire));

        var accident = new ZaloDraft();
        Assert.Equal(ReportAssembler.Question(ReportAssembler.AskLocation, again: false), Send(accident, Text("Tai nạn, xe máy va chạm")));
        Assert.False(assembler.FileNow(accident));
        assembler.Apply(accident, Text("Km 15 quốc lộ 31"), Now);
        Assert.True(assembler.FileNow(accident)); // an address: filed, to triage, with the commune still to ask
        Assert.Null(assembler.ToReport(accident, "u1").CommuneCode);

        var garbage = new ZaloDraft();
        assembler.Apply(garbage, Text("Rác đổ trộm ở xã Đại Sơn"), Now);
        Assert.False(assembler.IsEmergency(garbage));
        Assert.False(assembler.FileNow(garbage));

        fire.FiledAs = "BG-7K3M-Q9TX";
        Assert.False(assembler.FileNow(fire)); // never twice
    }

    [Fact]
    public void What_follows_an_early_filing_is_a_report_of_what_the_message_adds_and_a_declined_photo_adds_nothing()
    {
        var draft = new ZaloDraft { Description = "Cháy", Category = "fire", CommuneCode = Reports.DaiSon, FiledAs = "BG-7K3M-Q9TX", AskedFor = ReportAssembler.AskPhoto };
        var photo = Photo("https://example.org/f.jpg");
        var added = assembler.FollowUp(draft, photo, "u1", Now)!;
        Assert.Equal(["https://example.org/f.jpg"], added.Photos);
        Assert.Equal(("fire", "zalo:u1:" + photo.MsgId), (added.Category, added.IdempotencyKey));
        Assert.Null(assembler.FollowUp(draft, Text("không"), "u1", Now));

        draft.AskedFor = ReportAssembler.AskCommune;
        Assert.Equal(Reports.DaiSon, assembler.FollowUp(draft, Text("Đại Sơn"), "u1", Now)!.CommuneCode);
        Assert.Equal(new GeoPoint(21.3, 106.4), assembler.FollowUp(draft, Place("Đồi thông"), "u1", Now)!.Location);
    }

    [Fact]
    public void The_emergency_reply_gives_the_code_the_three_numbers_and_the_next_question()
    {
        var reply = ReportAssembler.EmergencyFiled("BG-7K3M-Q9TX", joined: false, ReportAssembler.AskLocation);
        Assert.All(new[] { "BG-7K3M-Q9TX", "114", "113", "115", ReportAssembler.Question(ReportAssembler.AskLocation, false) }, part => Assert.Contains(part, reply));
    }
}
