using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using NodaTime.Testing;
using Orleans.TestingHost;

namespace BacGiang.Incidents.Tests.Cluster;

/// <summary>
/// A cluster whose clock the test moves, sending to the fake Zalo OA (chat, ZNS and OAuth) over real HTTP: for the
/// Zalo flows that turn on days passing, which the end-to-end processes (on the system clock) cannot show. A clock of
/// its own, so moving it days ahead disturbs no other test.
/// </summary>
public sealed class ZaloClockFixture : IAsyncLifetime
{
    public const string TemplateId = "tpl-status-update";
    public FakeClock Clock { get; } = new(Instant.FromUtc(2026, 11, 23, 2, 0));
    public FakeZaloOa ZaloOa { get; } = new();
    public InProcessTestCluster Cluster { get; private set; } = null!;
    public IGrainFactory Grains => Cluster.Client;
    private string connectionString = "";

    public async Task InitializeAsync()
    {
        connectionString = await TestPostgres.CreateDatabaseAsync("zalo-clock");
        Cluster = await InProcessCluster.StartAsync(connectionString, clock: Clock, storage: new AsyncSerializingStorage.Store(), settings: new Dictionary<string, string?>
        {
            ["Zalo:ApiBaseUrl"] = ZaloOa.BaseUrl.ToString(),
            ["Zalo:OAuthBaseUrl"] = ZaloOa.BaseUrl.ToString(),
            ["Zalo:ZnsUrl"] = new Uri(ZaloOa.BaseUrl, "/message/template").ToString(),
            ["Zalo:ZnsTemplateId"] = TemplateId,
            ["Zalo:AccessToken"] = FakeZaloOa.FirstAccessToken,
            ["Zalo:RefreshToken"] = FakeZaloOa.FirstRefreshToken,
            ["Zalo:AppId"] = "2553928453557884079",
            ["Zalo:AppSecretKey"] = FakeZaloOa.AppSecretKey,
        });
    }

    public async Task DisposeAsync()
    {
        await Cluster.DisposeAsync();
        ZaloOa.Dispose();
        await TestPostgres.DropDatabaseAsync(connectionString);
    }
}

/// <summary>Days pass in a Zalo conversation: updates past the 48-hour window, and a reopening past the policy's days.</summary>
public sealed class ZaloClockTests(ZaloClockFixture fixture) : IClassFixture<ZaloClockFixture>
{
    private static readonly Actor Officer = new(ActorRole.CommuneOfficer, "c07627-officer-1", Commune: Reports.DaiSon);
    private static readonly Actor Staff = new(ActorRole.AgencyStaff, "urenco-staff-1", Agency: "urenco");

    private static string NewUser() => Random.Shared.NextInt64(1_000_000_000_000_000, 9_000_000_000_000_000).ToString();

    /// <summary>
    /// Places 1.1 km apart, well outside the duplicate radius (150 m): random ones on a 0.2° band fell within it in
    /// about one run in seventy, and the second report then joined the first incident (acknowledged twice: a failure).
    /// </summary>
    private static int placesGiven;
    private static GeoPoint NextPlace() => new(21.2 + Interlocked.Increment(ref placesGiven) * 0.01, 106.5);

    private async Task Say(string user, string text) => await fixture.Grains.GetGrain<IZaloConversationGrain>(user).Receive(new ZaloIncoming
    {
        MsgId = Guid.NewGuid().ToString("N"), Kind = ZaloMessageKind.Text, Text = text, At = fixture.Clock.GetCurrentInstant(),
    });

    /// <summary>A garbage report in three messages, each at a place of its own (no duplicates); the incident's code.</summary>
    private async Task<string> Report(string user, string firstText)
    {
        var conversation = fixture.Grains.GetGrain<IZaloConversationGrain>(user);
        await Say(user, firstText);
        await conversation.Receive(new ZaloIncoming
        {
            MsgId = Guid.NewGuid().ToString("N"), Kind = ZaloMessageKind.Location, At = fixture.Clock.GetCurrentInstant(),
            Location = NextPlace(),
        });
        await Say(user, "không");
        var filed = (await conversation.Get()).FiledIncidents;
        return Assert.Single(filed);
    }

    private async Task<string> Reply(string user, string containing)
    {
        await Eventually.True(() => Task.FromResult(fixture.ZaloOa.To(user).Any(m => m.Contains(containing, StringComparison.Ordinal))), $"a reply to {user} with '{containing}'");
        return fixture.ZaloOa.To(user).Last(m => m.Contains(containing, StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_update_due_three_days_after_the_last_message_goes_by_zns_to_the_phone_given_and_waits_visibly_without_one()
    {
        var withPhone = NewUser();
        var withoutPhone = NewUser();
        var a = await Report(withPhone, "Rác đổ trộm ven đường ở Đại Sơn, số điện thoại của tôi 0912 345 678");
        var b = await Report(withoutPhone, "Rác đổ trộm cạnh chợ Đại Sơn");
        await Reply(withPhone, a);
        await Reply(withoutPhone, b);

        fixture.Clock.Advance(Duration.FromDays(3));
        foreach (var code in new[] { a, b })
            Assert.True((await fixture.Grains.GetGrain<IIncidentGrain>(code).Execute(new Acknowledge(), Officer)).Succeeded);

        // With a phone: a ZNS template message, its tracking_id the outbox message's id, its state visible.
        await Eventually.True(() => Task.FromResult(fixture.ZaloOa.Templates.Any(t => t.Data["tracking_code"] == a)), "a ZNS message about " + a);
        var template = Assert.Single(fixture.ZaloOa.Templates, t => t.Data["tracking_code"] == a);
        Assert.Equal(("84912345678", ZaloClockFixture.TemplateId), (template.Phone, template.TemplateId));
        Assert.Contains("xã đã tiếp nhận", template.Data["status"]);
        await Eventually.True(async () => (await fixture.Grains.GetGrain<IZaloConversationGrain>(withPhone).Get()).Messages
            .Any(m => m.Id == template.TrackingId && m.Channel == "zns" && m.State == DeliveryState.Sent), "the ZNS message shown as sent");
        Assert.DoesNotContain(fixture.ZaloOa.To(withPhone), m => m.Contains("xã đã tiếp nhận"));

        // Without one: no chat message, no template; the update waits, and says so (once the incident has told the conversation).
        await Eventually.True(async () => (await fixture.Grains.GetGrain<IZaloConversationGrain>(withoutPhone).Get()).Messages
            .Any(m => m.Text.Contains("xã đã tiếp nhận")), "the update about " + b + " reached the conversation");
        var waiting = (await fixture.Grains.GetGrain<IZaloConversationGrain>(withoutPhone).Get()).Messages.Single(m => m.Text.Contains("xã đã tiếp nhận"));
        Assert.Equal((DeliveryState.WaitingForCitizen, "cs"), (waiting.State, waiting.Channel));
        Assert.DoesNotContain(fixture.ZaloOa.Templates, t => t.Data["tracking_code"] == b);
        Assert.DoesNotContain(fixture.ZaloOa.To(withoutPhone), m => m.Contains("xã đã tiếp nhận"));

        // When that citizen writes again, it goes in the chat.
        await Say(withoutPhone, b);
        await Reply(withoutPhone, "xã đã tiếp nhận");
    }

    [Fact]
    public async Task Reopening_in_chat_past_the_policys_days_is_refused_with_a_clear_answer_and_nothing_changes()
    {
        var user = NewUser();
        var code = await Report(user, "Rác thải ùn ứ ở Đại Sơn");
        var incident = fixture.Grains.GetGrain<IIncidentGrain>(code);
        Assert.True((await incident.Execute(new Acknowledge(), Officer)).Succeeded);
        Assert.True((await incident.Execute(new Start(), Staff)).Succeeded);
        Assert.True((await incident.Execute(new Resolve { Outcome = ResolutionOutcome.Fixed, Note = "Đã thu gom" }, Staff)).Succeeded);
        await Reply(user, "mở lại " + code);
        var lastSeq = (await incident.Get())!.LastSeq;

        fixture.Clock.Advance(IncidentLifecycle.ReopenWindow + Duration.FromHours(1));
        await Say(user, "Mở lại " + code + " rác lại đầy rồi");
        Assert.Contains("hơn 7 ngày nên không thể mở lại", await Reply(user, "không thể mở lại"));
        var after = (await incident.Get())!;
        Assert.Equal((IncidentStatus.Resolved, lastSeq), (after.Status, after.LastSeq));
    }

    [Fact]
    public async Task The_token_owner_refreshes_once_per_expiry_reported_and_ahead_of_the_expiry_it_was_given()
    {
        var owner = fixture.Grains.GetGrain<IZaloTokenGrain>("2553928453557884079");
        var refreshesBefore = fixture.ZaloOa.Refreshes;
        var current = await owner.Current();
        Assert.NotNull(current.Value);

        // Zalo said -216 to this generation: one refresh; a second sender reporting the same generation gets the new token.
        var refreshed = await owner.Expired(current.Generation);
        Assert.Equal(current.Generation + 1, refreshed.Generation);
        Assert.NotEqual(current.Value, refreshed.Value);
        Assert.Equal(refreshed, await owner.Expired(current.Generation));
        Assert.Equal(refreshesBefore + 1, fixture.ZaloOa.Refreshes);
        Assert.Equal(refreshed, await owner.Current());

        // The fake grants 90,000 s; within Zalo:RefreshBefore (10 min) of that, the next use refreshes first.
        fixture.Clock.Advance(Duration.FromSeconds(90_000) - Duration.FromMinutes(5));
        var early = await owner.Current();
        Assert.Equal(refreshed.Generation + 1, early.Generation);
        Assert.Equal((refreshesBefore + 2, 0), (fixture.ZaloOa.Refreshes, fixture.ZaloOa.RefusedRefreshes));
        var view = await owner.Get();
        Assert.Equal((true, true, early.Generation, (string?)null), (view.HasAccessToken, view.HasRefreshToken, view.Generation, view.LastError));
    }
}
