using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using BacGiang.Incidents.Api.Apis;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Sla;
using NodaTime;
using BacGiang.Incidents.Tests.Support;
using Xunit.Abstractions;
using static BacGiang.Incidents.Tests.Notifications.NotificationApi;

namespace BacGiang.Incidents.Tests.Notifications;

/// <summary>
/// An escalation reaches named people on every channel they have (console, Zalo, SMS), repeats on the ladder's
/// interval until someone acknowledges it, then climbs to the next level; the audit shows every recipient.
/// Over real HTTP: the system's processes, the fake Zalo OA and the fake SMS gateway.
/// </summary>
public sealed class EscalationNotificationTests(NotificationSystemFixture system, ITestOutputHelper log) : IClassFixture<NotificationSystemFixture>
{
    private const string Commune = NotificationSystemFixture.Commune;

    [Fact]
    public async Task An_unacknowledged_fire_reaches_the_on_duty_officer_then_the_chairman_and_acknowledging_stops_the_repeats()
    {
        using var supervisor = await system.ClientFor("Supervisor");
        var officer = await Person(supervisor, $"commune/{Commune}", NotificationSystemFixture.OnDutyOfficer);
        var chairman = await Person(supervisor, $"commune/{Commune}", NotificationSystemFixture.Chairman);
        var id = await FileFire(system.Http, Commune);

        // Level 1 reaches the officer on duty on all three channels.
        await Eventually.True(() => Task.FromResult(system.ZaloOa.To(officer.ZaloUserId!).Any(m => m.Contains(id))), "level 1 on the officer's Zalo");
        await Eventually.True(() => Task.FromResult(system.Sms.To(officer.Phone!).Any(s => s.Content.Contains(id))), "level 1 by SMS to the officer");
        using var officerConsole = await system.ClientFor("CommuneOfficer", Commune, subject: officer.StaffId);
        var mine = await officerConsole.GetFromJsonAsync<MyEscalations>("/api/me/escalations", IncidentJson.Options);
        var first = Assert.Single(mine!.Items, n => n.IncidentId == id && n.Level == 1 && n.Repeat == 0);
        Assert.StartsWith("on ", first.Reason);
        Assert.True(mine.Unacknowledged >= 1);

        // The repeat comes on the ladder's interval, to the same person.
        var rows = await AuditWhen(supervisor, id, r => r.Any(n => n is { Level: 1, Repeat: 1, Channel: "sms", State: "sent" or "delivered" }), "level 1 repeated");
        var repeat = rows.First(n => n is { Level: 1, Repeat: 1 });
        var steps = await Escalations(supervisor, id);
        Assert.Equal(Duration.FromSeconds(6), steps.Single(s => s is { Level: 1, Repeat: 1 }).DueAt - steps.Single(s => s is { Level: 1, Repeat: 0 }).DueAt);
        Assert.Equal(officer.StaffId, repeat.StaffId);

        // The officer acknowledges on the console: no repeat of level 1 fires after that.
        using var ack = await officerConsole.PostAsync($"/api/escalations/{Uri.EscapeDataString(repeat.EscalationId)}/acknowledge", null);
        Assert.Equal(HttpStatusCode.OK, ack.StatusCode);
        var acknowledged = (await ack.Content.ReadFromJsonAsync<EscalationAckView>(IncidentJson.Options))!;
        Assert.Equal("acknowledged", acknowledged.Outcome);
        using var again = await officerConsole.PostAsync($"/api/escalations/{Uri.EscapeDataString(first.EscalationId)}/acknowledge", null);
        Assert.Equal("already_acknowledged", (await again.Content.ReadFromJsonAsync<EscalationAckView>(IncidentJson.Options))!.Outcome);

        // Level 2 still fires (the incident itself is not acknowledged) and reaches the chairman.
        await Eventually.True(() => Task.FromResult(system.Sms.To(chairman.Phone!).Any(s => s.Content.Contains(id))), "level 2 by SMS to the chairman");
        steps = await Escalations(supervisor, id);
        Assert.All(steps.Where(s => s.Level == 1), s => Assert.True(s.FiredAt <= acknowledged.At, $"level 1 repeat {s.Repeat} fired after the acknowledgement"));
        Assert.Contains(steps, s => s.Level == 2);

        // The chairman answers on Zalo with the incident's code: level 2 is acknowledged, by Zalo.
        using var reply = await system.Http.SendAsync(ZaloEvents.Signed(chairman.ZaloUserId!, "user_send_text", new { text = $"Đã nhận {id.ToLowerInvariant()}", msg_id = "staff-ack-" + id }));
        Assert.Equal(HttpStatusCode.OK, reply.StatusCode);

        // Delivery: Zalo's receipts for the OA's messages, the consoles opened, the SMS gateway's reports.
        var zaloIds = system.ZaloOa.Messages.Where(m => m.Text.Contains(id)).Select(m => m.MessageId).ToArray();
        using var receipt = await system.Http.SendAsync(ZaloEvents.Signed("3662729599332560487", "user_received_message", new { msg_ids = zaloIds, msg_id = zaloIds[0] }));
        Assert.Equal(HttpStatusCode.OK, receipt.StatusCode);
        await officerConsole.GetAsync("/api/me/escalations");
        using var chairmanConsole = await system.ClientFor("CommuneOfficer", Commune, subject: chairman.StaffId);
        await chairmanConsole.GetAsync("/api/me/escalations");

        rows = await AuditWhen(supervisor, id, r => r.Where(n => n.Level <= 2).All(n => n.DeliveredAt is not null && n.AcknowledgedAt is not null),
            "every level 1 and 2 notification delivered and acknowledged");
        foreach (var n in rows.OrderBy(n => n.Level).ThenBy(n => n.Repeat).ThenBy(n => n.Channel))
            log.WriteLine($"L{n.Level} r{n.Repeat} {n.StaffId} {n.Channel,-7} {n.State,-9} fire→sent {n.FireToSentMs} ms, delivered {n.DeliveredAt}, ack {n.AcknowledgedAt} by {n.AcknowledgedBy} via {n.AcknowledgedVia}");
        Assert.All(rows.Where(n => n.Level == 1), n => Assert.Equal((officer.StaffId, "console"), (n.AcknowledgedBy, n.AcknowledgedVia)));
        Assert.All(rows.Where(n => n.Level == 2), n => Assert.Equal((chairman.StaffId, "zalo"), (n.AcknowledgedBy, n.AcknowledgedVia)));
        Assert.Equal(["console", "sms", "zalo"], rows.Where(n => n.Level == 2).Select(n => n.Channel).Order());
        Assert.All(rows, n => Assert.NotNull(n.SentAt));
    }

    private static async Task<IReadOnlyList<EscalationRecordView>> Escalations(HttpClient supervisor, string id) =>
        (await supervisor.GetFromJsonAsync<List<EscalationRecordView>>($"/api/audit/escalations?limit=100", IncidentJson.Options))!
        .Where(e => e.IncidentId == id && e.Kind == EscalationKind.Ack).ToList();
}
