using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Tests.Support;
using Xunit.Abstractions;
using static BacGiang.Incidents.Tests.Notifications.NotificationApi;

namespace BacGiang.Incidents.Tests.Notifications;

/// <summary>
/// The outbox's promise: with the SMS gateway down for two minutes and the silo killed (SIGKILL) after the
/// escalation fired but before its SMS could go out, every notification still arrives, once per person, step and
/// channel, counted where it lands: the fake gateway and the fake Zalo OA.
/// </summary>
public sealed partial class NotificationCrashTests(NotificationSystemFixture system, ITestOutputHelper log) : IClassFixture<NotificationSystemFixture>
{
    private const string Commune = NotificationSystemFixture.Commune;

    [Fact]
    public async Task Every_notification_arrives_once_through_a_silo_crash_and_a_two_minute_gateway_outage()
    {
        using var supervisor = await system.ClientFor("Supervisor");
        var officer = await Person(supervisor, $"commune/{Commune}", NotificationSystemFixture.OnDutyOfficer);
        var chairman = await Person(supervisor, $"commune/{Commune}", NotificationSystemFixture.Chairman);
        system.Sms.GoDownFor(TimeSpan.FromMinutes(2));
        var id = await FileFire(system.Http, Commune);

        // Fired, and its SMS refused at least once: the silo dies between the firing and the SMS's delivery.
        var before = await AuditWhen(supervisor, id, r => r.Any(n => n is { Channel: "sms", State: "pending", Attempts: >= 1 }), "an SMS waiting for the gateway");
        Assert.True(system.Sms.IsDown);
        system.KillSilo();
        log.WriteLine($"silo killed with {before.Count} notifications queued: {string.Join(", ", before.Select(n => $"L{n.Level}r{n.Repeat} {n.Channel} {n.State}"))}");
        await system.RestartSilo();

        // Level 1 fires five times (the first notice and 4 repeats), level 2 once; each to one person on three channels.
        var rows = await AuditWhen(supervisor, id,
            r => r.Count == 18 && r.All(n => n.State is "sent" or "delivered") && r.Where(n => n.Channel == "sms").All(n => n.State == "delivered"),
            "all 18 notifications sent and every SMS delivered", timeoutSeconds: 300);
        Assert.False(system.Sms.IsDown);
        log.WriteLine($"gateway refused {system.Sms.RefusedWhileDown} sends while down; max attempts {rows.Max(n => n.Attempts)}");

        // Once per person, step and channel where it lands.
        var sms = system.Sms.Delivered.Where(s => s.Content.Contains(id)).ToList();
        Assert.Equal(6, sms.Count);
        Assert.Equal(rows.Where(n => n.Channel == "sms").Select(n => n.NotificationId).Order(), sms.Select(s => s.RequestId).Order());
        var accepted = system.Sms.Requests.Where(r => r.StartsWith(id, StringComparison.Ordinal)).ToList();
        Assert.Equal(accepted.Count, accepted.Distinct().Count()); // nothing the gateway accepted was sent to it again
        Assert.Equal(5, system.Sms.To(officer.Phone!).Count(s => s.Content.Contains(id)));
        Assert.Single(system.Sms.To(chairman.Phone!), s => s.Content.Contains(id));
        var zalo = system.ZaloOa.To(officer.ZaloUserId!).Where(m => m.Contains(id)).ToList();
        Assert.Equal(5, zalo.Count);
        Assert.Equal(5, zalo.Distinct().Count());
        Assert.Single(system.ZaloOa.To(chairman.ZaloUserId!), m => m.Contains(id));

        // The SMS's own link acknowledges level 2 as the chairman, by SMS.
        var link = Link().Match(sms.Single(s => s.Phone == chairman.Phone).Content);
        Assert.True(link.Success);
        var path = new Uri(link.Value).AbsolutePath;
        using var page = await system.Http.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        using var confirm = await system.Http.PostAsync(path, null);
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        rows = await AuditWhen(supervisor, id, r => r.Where(n => n.Level == 2).All(n => n.AcknowledgedVia == "sms"), "level 2 acknowledged by SMS");
        Assert.All(rows.Where(n => n.Level == 2), n => Assert.Equal(chairman.StaffId, n.AcknowledgedBy));
        Assert.All(rows.Where(n => n.Level == 1), n => Assert.Null(n.AcknowledgedAt));
        foreach (var n in rows.OrderBy(n => n.Level).ThenBy(n => n.Repeat).ThenBy(n => n.Channel))
            log.WriteLine($"L{n.Level} r{n.Repeat} {n.Channel,-7} {n.State,-9} attempts {n.Attempts} fire→sent {n.FireToSentMs} ms");
    }

    [GeneratedRegex(@"https?://\S+/e/[0-9a-z]+")]
    private static partial Regex Link();
}
