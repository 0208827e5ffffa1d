using System.Text.Json;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Tests.Support;
using NodaTime;
using Orleans.Serialization;
using Microsoft.Extensions.DependencyInjection;

namespace BacGiang.Incidents.Tests.Security;

/// <summary>What retention leaves of an incident's events (issue 13), without a cluster or a database.</summary>
public sealed class PersonalDataRedactorTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 3, 2, 1, 0);
    private const string Name = "Trần Thị Lưu Trữ", Phone = "0987654321", ZaloUser = "8412345678901234567";
    private static readonly Actor Officer = new(ActorRole.CommuneOfficer, "officer-1", Commune: Reports.DaiSon);

    private static IReadOnlyList<IncidentEvent> History()
    {
        var lifecycle = new IncidentLifecycle();
        var report = Reports.Garbage() with { Reporter = new Reporter(Name, Phone), Description = $"Rác ngập ngõ, gọi {Phone} hoặc tt.luu@example.org" };
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P3, report,
                     RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0))
            lifecycle.Apply(e);
        var zalo = Reports.Garbage() with { Channel = "zalo", ReplyTo = ZaloUser, Reporter = new Reporter(null, "0912 111 222"), Description = "Vẫn còn rác" };
        foreach (var e in lifecycle.Attach(zalo, Actor.Citizen("zalo:" + ZaloUser), T0 + Duration.FromMinutes(5)).Events) lifecycle.Apply(e);
        lifecycle.Apply(new NoteAdded { Seq = lifecycle.LastSeq + 1, At = T0 + Duration.FromMinutes(9), Actor = Officer, Text = $"Đã gọi lại {Phone}, hẹn 14h" });
        return lifecycle.Events;
    }

    private static string Json(IEnumerable<IncidentEvent> events) => JsonSerializer.Serialize(events.ToList(), IncidentJson.Options);

    [Fact]
    public void No_name_phone_mail_or_chat_id_survives_in_the_events_json_or_their_stored_form()
    {
        var redacted = History().Select(PersonalDataRedactor.Redact).ToList();
        var serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<IncidentEvent>>();
        var stored = string.Join("\n", redacted.Select(e => System.Text.Encoding.UTF8.GetString(serializer.SerializeToArray(e))));
        foreach (var form in new[] { Json(redacted), stored })
            foreach (var personal in new[] { Name, Phone, "0912 111 222", "tt.luu@", ZaloUser })
                Assert.DoesNotContain(personal, form);
    }

    [Fact]
    public void What_where_when_and_which_staff_did_what_stay()
    {
        var original = History();
        var redacted = original.Select(PersonalDataRedactor.Redact).ToList();
        Assert.Equal(original.Select(e => (e.GetType(), e.Seq, e.At)), redacted.Select(e => (e.GetType(), e.Seq, e.At)));
        var reported = Assert.IsType<IncidentReported>(redacted[0]);
        Assert.Equal((Reports.Garbage().Category, Reports.Garbage().Location, Reports.DaiSon), (reported.Report.Category, reported.Report.Location, reported.Report.CommuneCode));
        Assert.Equal("Rác ngập ngõ, gọi […] hoặc […]", reported.Report.Description);
        Assert.Null(reported.Report.Reporter);
        var attached = Assert.IsType<ReportAttached>(redacted.Single(e => e is ReportAttached));
        Assert.Equal(("zalo", (string?)null, "zalo"), (attached.Actor.Id, attached.Report.ReplyTo, attached.Report.Channel));
        var note = Assert.IsType<NoteAdded>(redacted[^1]);
        Assert.Equal((Officer, "Đã gọi lại […], hẹn 14h"), (note.Actor, note.Text));
        // The incident rebuilt from the redacted history is the same incident.
        var before = IncidentLifecycle.Replay(original);
        var after = IncidentLifecycle.Replay(redacted);
        Assert.Equal((before.Status, before.Commune, before.Agency, before.ReportCount, before.TrackingCode), (after.Status, after.Commune, after.Agency, after.ReportCount, after.TrackingCode));
    }

    [Fact]
    public void A_ratings_comment_loses_its_phone_number_and_the_rater_their_chat_id_but_the_stars_stay()
    {
        var events = History().ToList();
        events.Add(new IncidentResolved { Seq = events.Count + 1, At = T0 + Duration.FromHours(2), Actor = Actor.System, Outcome = ResolutionOutcome.Fixed });
        events.Add(new IncidentRated
        {
            Seq = events.Count + 1, At = T0 + Duration.FromHours(3), Actor = Actor.Citizen("zalo:" + ZaloUser),
            Stars = 4, Comment = $"Nhanh, cảm ơn. Cần gì gọi {Phone}", Channel = "zalo",
        });

        var rated = Assert.IsType<IncidentRated>(PersonalDataRedactor.Redact(events[^1]));

        Assert.Equal((4, "Nhanh, cảm ơn. Cần gì gọi […]", "zalo", "zalo"), (rated.Stars, rated.Comment, rated.Channel, rated.Actor.Id));
        Assert.Contains("\"type\":\"Rated\"", JsonSerializer.Serialize<IncidentEvent>(rated, IncidentJson.Options));
        var replayed = IncidentLifecycle.Replay(events.Select(PersonalDataRedactor.Redact));
        Assert.Equal((4, "zalo"), (Assert.Single(replayed.Ratings).Stars, replayed.Ratings[0].By));
    }
}
