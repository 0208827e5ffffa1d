using System.Text.Json;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.FieldDispatch;
using BacGiang.Incidents.Grains;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;
using static BacGiang.Incidents.Tests.Sla.Calendars;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>
/// A snapshot taken after any event, read back and given the later events, must be the same fold as all the events:
/// the same view, row, schedule, deliveries owed and idempotent answers (ADR 0002).
/// </summary>
public sealed class IncidentSnapshotTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();
    private static readonly SlaPolicy Fire = Catalog.PolicyFor("fire", Priority.P1);
    private static readonly Instant T = Local(2026, 11, 23, 22);
    private static readonly Actor Supervisor = new(ActorRole.Supervisor, "sup");
    private static readonly Actor Staff = new(ActorRole.AgencyStaff, "fire-staff-1", Agency: "fire-police");
    private static readonly Actor Reporter = Actor.Citizen("zalo:8801");
    private const string Id = "BG-SNAP-TEST";

    /// <summary>
    /// A fire reported by Zalo; two more reports, one split out again, and one merged in; a camera's tally; both ladders
    /// fired and one level acknowledged; back to triage and dispatched again; a crew sent and released; a pause; two
    /// resolutions, a rating and the close.
    /// </summary>
    internal static IReadOnlyList<IncidentEvent> History()
    {
        var lifecycle = new IncidentLifecycle();
        var report = Reports.Garbage() with { Category = "fire", Channel = "zalo", ReplyTo = "8801" };
        Take(lifecycle, lifecycle.File(TrackingCode.NewRandom(), Priority.P1, report,
            RoutingDecision.Routed(Reports.DaiSon, "fire-police", "commune-code"), Reporter, T, Fire));
        Take(lifecycle, lifecycle.Attach(Reports.Garbage() with { Category = "fire", Description = "Khói đen" }, Actor.Citizen("app"), T + Duration.FromMinutes(1)).Events);
        var other = lifecycle.Attach(Reports.Garbage() with { Category = "fire", Description = "Cháy kho bên cạnh" }, Actor.Citizen("app"), T + Duration.FromMinutes(2)).Events;
        Take(lifecycle, other);
        Take(lifecycle, lifecycle.ReceiveMerge("BG-MERG-ED22", [Reports.Garbage() with { Category = "fire", Description = "Lửa lớn" }], T + Duration.FromMinutes(3)));
        Take(lifecycle, lifecycle.CorrelateAlerts(new AlertTally
        {
            CameraId = "cam-1", AlertType = "fire", Count = 3, FirstSeen = T, LastSeen = T + Duration.FromMinutes(3), BestConfidence = 0.93, Plates = ["98A-123.45"],
        }, T + Duration.FromMinutes(3)));
        Run(lifecycle, new Split { ReportSeq = other[0].Seq, NewIncidentId = TrackingCode.NewRandom().Value, Reason = "Một đám cháy khác" }, Supervisor, T + Duration.FromMinutes(4));
        Fire_(lifecycle, T + Duration.FromMinutes(12));
        Take(lifecycle, lifecycle.AcknowledgeEscalation(EscalationKind.Ack, 0, 1, Supervisor, "console", T + Duration.FromMinutes(13)).Events);
        Run(lifecycle, new AddNote { Text = "Đã gọi xã", CommandId = "note-1" }, Supervisor, T + Duration.FromMinutes(14));
        Run(lifecycle, new Acknowledge(), Supervisor, T + Duration.FromMinutes(15));
        Run(lifecycle, new ReturnToTriage { Reason = "Không phải đơn vị này" }, Staff, T + Duration.FromMinutes(16));
        Run(lifecycle, new Dispatch { Commune = Reports.DaiSon, Agency = "fire-police", Reason = "Đúng đơn vị" }, Supervisor, T + Duration.FromMinutes(17));
        Run(lifecycle, new Acknowledge(), Supervisor, T + Duration.FromMinutes(18));
        Take(lifecycle, lifecycle.DecideCrew(new CrewStep(CrewStepKind.Assign, "fire-police", "crew-1", "Tổ 1"), Staff, T + Duration.FromMinutes(19)).Events);
        Take(lifecycle, lifecycle.DecideCrew(new CrewStep(CrewStepKind.Arrive, "fire-police", "crew-1", "Tổ 1"), Staff, T + Duration.FromMinutes(25)).Events);
        Take(lifecycle, lifecycle.DecideCrew(new CrewStep(CrewStepKind.Release, "fire-police", "crew-1", "Tổ 1", "Cần xe thang"), Staff, T + Duration.FromMinutes(28)).Events);
        Run(lifecycle, new Wait { Reason = "Chờ người dân mở cổng" }, Staff, T + Duration.FromMinutes(30));
        Run(lifecycle, new Resume(), Staff, T + Duration.FromMinutes(40));
        Fire_(lifecycle, T + Duration.FromMinutes(140));
        Run(lifecycle, new Resolve { Outcome = ResolutionOutcome.Fixed, Note = "Đã dập lửa" }, Staff, T + Duration.FromMinutes(150));
        Run(lifecycle, new Reopen { Reason = "Lửa cháy lại" }, Reporter, T + Duration.FromMinutes(160));
        Run(lifecycle, new Resolve { Outcome = ResolutionOutcome.Fixed, Note = "Đã dập hẳn" }, Staff, T + Duration.FromMinutes(200));
        Run(lifecycle, new Rate { Stars = 4, Channel = "zalo" }, Reporter, T + Duration.FromMinutes(210));
        Run(lifecycle, new Close(), Staff, T + Duration.FromMinutes(220));
        return lifecycle.Events;
    }

    private static void Take(IncidentLifecycle lifecycle, IReadOnlyList<IncidentEvent> events)
    {
        Assert.NotEmpty(events);
        foreach (var e in events) lifecycle.Apply(e);
    }

    private static void Run(IncidentLifecycle lifecycle, IncidentCommand command, Actor actor, Instant at)
    {
        var decision = lifecycle.Decide(command, actor, at);
        Assert.True(decision.Result.Succeeded, decision.Result.Message);
        Take(lifecycle, decision.Events);
    }

    private static void Fire_(IncidentLifecycle lifecycle, Instant now) =>
        Take(lifecycle, lifecycle.RaiseEscalations(EscalationSchedule.Of(Fire, Always, lifecycle.Events).DueBy(now), now));

    private static EscalationSchedule.Fold FoldOf(IEnumerable<IncidentEvent> events)
    {
        var fold = new EscalationSchedule.Fold(Fire);
        foreach (var e in events) fold.Apply(e);
        return fold;
    }

    /// <summary>What the incident shows and owes, as text: equal text, equal fold.</summary>
    private static string Describe(IncidentLifecycle lifecycle, EscalationSchedule.Fold fold, Instant now)
    {
        var schedule = fold.Schedule(Always);
        var owed = Enumerable.Range(0, (int)lifecycle.LastSeq + 1).Select(seq =>
        {
            var d = new IncidentDeliveries { NotifiedSeq = seq, CitizenNotifiedSeq = seq };
            return $"{seq}:{string.Join(",", d.NotificationsOwed(lifecycle).Select(x => x.Seq))}/{d.CitizenUpdateOwed(lifecycle)}";
        });
        var acknowledged = lifecycle.AcknowledgeEscalation(EscalationKind.Ack, 0, 1, Staff, "zalo", now);
        return string.Join("\n",
            JsonSerializer.Serialize(lifecycle.ToView(Id), IncidentJson.Options),
            JsonSerializer.Serialize(IncidentRecord.Of(Id, lifecycle, schedule), IncidentJson.Options),
            JsonSerializer.Serialize(schedule.Clocks, IncidentJson.Options),
            string.Join(";", schedule.Pending.Select(p => $"{p.Step.Kind}{p.Step.Round}.{p.Step.Level}.{p.Step.Repeat}@{p.DueAt}")),
            $"fired {schedule.Fired.Count} next {schedule.NextDue} level {lifecycle.EscalationLevel} reports {lifecycle.ReportCount}",
            string.Join(" ", owed),
            $"ack L1 {acknowledged.Existing?.Seq} {acknowledged.Events.Count}",
            $"attached {string.Join(",", lifecycle.AttachedReports.Keys)} split {string.Join(",", lifecycle.SplitOut.Select(x => $"{x.Key}>{x.Value.NewIncidentId}"))}",
            $"merge again {lifecycle.ReceiveMerge("BG-MERG-ED22", [Reports.Garbage()], now).Count} ratings {lifecycle.Ratings.Count} crew {lifecycle.Crew?.Crew} arrived {lifecycle.FirstArrivedAt}",
            JsonSerializer.Serialize(lifecycle.AllReports.ToList(), IncidentJson.Options),
            lifecycle.Decide(new AddNote { Text = "again", CommandId = "note-1" }, Supervisor, now).Result.Kind.ToString(),
            lifecycle.Decide(new AddNote { Text = "new", CommandId = "note-2" }, Supervisor, now).Result.Kind.ToString());
    }

    [Fact]
    public void A_snapshot_after_any_event_plus_the_later_events_is_the_same_fold_as_every_event()
    {
        var history = History();
        var now = history[^1].At + Duration.FromMinutes(1);
        var whole = Describe(IncidentLifecycle.Replay(history), FoldOf(history), now);

        for (var cut = 1; cut < history.Count; cut++)
        {
            var before = history.Take(cut).ToList();
            var bytes = Serializer.SerializeToArray(new IncidentSnapshot { Lifecycle = IncidentLifecycle.Replay(before), Schedule = FoldOf(before) });
            var snapshot = Serializer.Deserialize<IncidentSnapshot>(bytes)!;

            var restored = snapshot.Lifecycle.Restored();
            foreach (var e in history.Skip(cut))
            {
                restored.Apply(e);
                snapshot.Schedule!.Apply(e);
            }
            Assert.Equal((cut, history.Count - cut), (restored.HeldFrom, restored.Events.Count));
            Assert.Same(snapshot.Lifecycle.Sla, snapshot.Schedule!.Policy);
            Assert.Equal(whole, Describe(restored, snapshot.Schedule, now));
        }
    }

    [Fact]
    public void A_restored_lifecycle_refuses_what_needs_the_events_before_its_snapshot()
    {
        var history = History();
        var snapshot = Serializer.Deserialize<IncidentSnapshot>(Serializer.SerializeToArray(
            new IncidentSnapshot { Lifecycle = IncidentLifecycle.Replay(history.Take(5)), Schedule = FoldOf(history.Take(5)) }))!;
        var restored = snapshot.Lifecycle.Restored();

        Assert.Throws<ArgumentException>(() => PersonalDataRedactor.StoredPhotosToErase(restored));
        Assert.Throws<InvalidOperationException>(() => new IncidentSchedule(ReferenceDataLoader.Load(Repo.DataDirectory)).Of(restored));
        Assert.Throws<InvalidOperationException>(() => IncidentLifecycle.Replay(history).Restored());
    }

    [Theory]
    [InlineData(199, 0, false)]
    [InlineData(200, 0, true)]
    [InlineData(200, 64 * 300, false)]
    [InlineData(300, 64 * 300, true)]
    public void A_snapshot_is_due_after_the_minimum_events_and_enough_of_them_to_spread_its_size(long eventsSince, int lastBytes, bool due) =>
        Assert.Equal(due, new SnapshotPolicy(new SnapshotOptions { MinEvents = 200, BytesPerEvent = 64 }).Due(eventsSince, lastBytes));
}
