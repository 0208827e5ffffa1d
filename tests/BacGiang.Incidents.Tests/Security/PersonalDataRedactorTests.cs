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

    private static string StoredPhoto(char fill) => PhotoIds.Url(new string(fill, 32));

    /// <summary>An incident with images everywhere they can be: a report's photos (one stored here, one a Zalo link),
    /// an attached report's photo, a camera's plate, snapshot and plates seen, and the resolution's photo.</summary>
    private static List<IncidentEvent> WithImages()
    {
        var lifecycle = new IncidentLifecycle();
        var report = Reports.Garbage() with { Photos = [StoredPhoto('a'), "https://zalo.example/photo/1.jpg"] };
        foreach (var e in lifecycle.File(TrackingCode.NewRandom(), Priority.P3, report,
                     RoutingDecision.Routed(Reports.DaiSon, "urenco", "commune-code"), Actor.Citizen("app"), T0))
            lifecycle.Apply(e);
        var second = Reports.Garbage() with { Photos = [StoredPhoto('b')], Camera = new CameraEvidence("cam-1", "garbage_dumping", 0.9, "98A-123.45") };
        foreach (var e in lifecycle.Attach(second, Actor.Citizen("ioc"), T0 + Duration.FromMinutes(5)).Events) lifecycle.Apply(e);
        var events = lifecycle.Events.ToList();
        events.Add(new AlertsCorrelated
        {
            Seq = events.Count + 1, At = T0 + Duration.FromMinutes(6), Actor = Actor.System,
            Tally = new AlertTally
            {
                CameraId = "cam-1", AlertType = "garbage_dumping", Count = 3, FirstSeen = T0, LastSeen = T0 + Duration.FromMinutes(6),
                BestConfidence = 0.9, BestSnapshotUrl = "https://ioc.example/snap/7.jpg", Plates = ["98A-123.45", "29C-678.90"],
            },
        });
        events.Add(new IncidentResolved { Seq = events.Count + 1, At = T0 + Duration.FromHours(2), Actor = Officer, Outcome = ResolutionOutcome.Fixed, PhotoUrl = StoredPhoto('c') });
        return events;
    }

    [Fact]
    public void No_photo_snapshot_or_plate_survives_and_the_stored_photos_named_are_the_ones_to_delete()
    {
        var events = WithImages();
        var json = Json(events);
        var images = new[] { StoredPhoto('a'), "https://zalo.example/photo/1.jpg", StoredPhoto('b'), "https://ioc.example/snap/7.jpg", StoredPhoto('c') };
        Assert.All(images.Append("98A-123.45").Append("29C-678.90"), i => Assert.Contains(i, json));

        var redactedJson = Json(events.Select(PersonalDataRedactor.Redact));

        Assert.All(images.Append("98A-123.45").Append("29C-678.90").Append("/api/photos/"), i => Assert.DoesNotContain(i, redactedJson));
        Assert.Equal(images, events.SelectMany(PersonalDataRedactor.ImagesIn));
        Assert.Equal([new string('a', 32), new string('b', 32), new string('c', 32)], PersonalDataRedactor.StoredPhotosToErase(IncidentLifecycle.Replay(events)));
        // The camera's evidence and tally stay, without what identifies a vehicle or shows a scene.
        var tally = Assert.IsType<AlertsCorrelated>(PersonalDataRedactor.Redact(events.Single(e => e is AlertsCorrelated))).Tally;
        Assert.Equal(("cam-1", 3, 0, (string?)null), (tally.CameraId, tally.Count, tally.Plates.Count, tally.BestSnapshotUrl));
    }

    [Fact]
    public void Photos_of_reports_that_live_on_in_another_incident_are_left_to_that_incidents_erasure()
    {
        var events = WithImages();
        var attachedSeq = events.Single(e => e is ReportAttached).Seq;
        var split = events.Append(new ReportSplitOut { Seq = events.Count + 1, At = T0 + Duration.FromHours(3), Actor = Officer, ReportSeq = attachedSeq, NewIncidentId = "BG-2222-2222" }).ToList();
        Assert.Equal([new string('a', 32), new string('c', 32)], PersonalDataRedactor.StoredPhotosToErase(IncidentLifecycle.Replay(split)));

        var merged = events.Take(events.Count - 1)
            .Append(new IncidentMerged { Seq = events.Count, At = T0 + Duration.FromHours(3), Actor = Officer, Into = "BG-3333-3333" }).ToList();
        Assert.Empty(PersonalDataRedactor.StoredPhotosToErase(IncidentLifecycle.Replay(merged)));
    }

    [Fact]
    public void A_plate_someone_typed_goes_from_what_they_wrote_but_a_code_that_looks_like_one_stays()
    {
        var events = History().ToList();
        // A split's new incident id has the shape of a plate ("12AB-3456"): ids are not written text, so it stays.
        events.Add(new ReportSplitOut
        {
            Seq = events.Count + 1, At = T0 + Duration.FromHours(1), Actor = Officer, ReportSeq = 3, NewIncidentId = "BG-12AB-3456",
            Reason = "Xe 98A-123.45 đổ trộm ở chỗ khác",
        });
        events.Add(new NoteAdded { Seq = events.Count + 1, At = T0 + Duration.FromHours(2), Actor = Officer, Text = "Biển số 29C12345, đã báo công an" });

        var split = Assert.IsType<ReportSplitOut>(PersonalDataRedactor.Redact(events[^2]));
        var note = Assert.IsType<NoteAdded>(PersonalDataRedactor.Redact(events[^1]));

        Assert.Equal(("BG-12AB-3456", "Xe […] đổ trộm ở chỗ khác"), (split.NewIncidentId, split.Reason));
        Assert.Equal("Biển số […], đã báo công an", note.Text);
    }
}
