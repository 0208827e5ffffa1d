using BacGiang.Incidents.Grains.Zalo;
using NodaTime;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>What a Zalo conversation remembers stays bounded however long it lasts, without dropping anything still owed.</summary>
public sealed class ZaloConversationMemoryTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 11, 23, 2, 0);

    [Fact]
    public void Message_ids_are_remembered_up_to_the_limit_most_recent_first_kept()
    {
        var s = new ZaloConversationState();
        for (var i = 0; i < 1_000; i++) Assert.False(s.AlreadySeen($"msg-{i}"));
        Assert.Equal(ZaloConversationState.RememberedMsgIds, s.SeenMsgIds.Count);
        Assert.True(s.AlreadySeen("msg-999"));
        Assert.False(s.AlreadySeen("msg-0"));
    }

    [Fact]
    public void A_citizen_reporting_for_years_keeps_the_latest_reports_and_their_notices_only()
    {
        var s = new ZaloConversationState();
        for (var i = 0; i < 500; i++)
        {
            var id = $"BG-{i:0000}";
            s.RememberFiled(id);
            Assert.True(s.TakeNotice(id, 3));
            Assert.False(s.TakeNotice(id, 3));
        }
        Assert.Equal(ZaloConversationState.KeptIncidents, s.Filed.Count);
        Assert.Equal("BG-0499", s.Filed[^1]);
        Assert.InRange(s.NotifiedSeq.Count, 1, ZaloConversationState.KeptIncidents + 1);
        // A recent report still has its notices de-duplicated.
        Assert.False(s.TakeNotice("BG-0480", 2));
        Assert.True(s.TakeNotice("BG-0480", 4));
    }

    [Fact]
    public void Updates_held_for_a_silent_citizen_keep_only_the_latest_per_incident_and_nothing_owed_is_dropped()
    {
        var s = new ZaloConversationState();
        for (var i = 0; i < 200; i++) s.Enqueue($"update {i}", DeliveryState.WaitingForCitizen, T0 + Duration.FromMinutes(i), $"BG-{i % 3}");
        Assert.Equal(3, s.Outbox.Count);
        Assert.Equal(["update 197", "update 198", "update 199"], s.Outbox.Select(m => m.Text).Order());

        for (var i = 0; i < 200; i++) s.Enqueue($"reply {i}", DeliveryState.Pending, T0);
        Assert.Equal(203, s.Outbox.Count); // all still owed
        foreach (var m in s.Outbox.Where(m => m.State == DeliveryState.Pending)) m.State = DeliveryState.Sent;
        s.Enqueue("one more", DeliveryState.Pending, T0);
        Assert.Equal(ZaloConversationState.KeptMessages, s.Outbox.Count);
        Assert.Equal(3, s.Outbox.Count(m => m.State == DeliveryState.WaitingForCitizen));
    }
}
