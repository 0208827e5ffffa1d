using System.Text.Json;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.Grains;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using Orleans.Serialization;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>
/// What an activation restores from the log (a snapshot and the events after it, or every event) and when it stores
/// the next snapshot, driven without a cluster.
/// </summary>
public sealed class IncidentMemoryTests
{
    private static readonly ReferenceData Reference = ReferenceDataLoader.Load(Repo.DataDirectory);
    private static readonly Serializer<IncidentSnapshot> Snapshots =
        new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer<IncidentSnapshot>>();
    private const string Id = "BG-MEMO-TEST";

    // A snapshot every five events: the size rule (SnapshotPolicy) has its own test and would only stretch these histories.
    private static IncidentMemory NewMemory() =>
        new(Reference, new SnapshotPolicy(new SnapshotOptions { MinEvents = 5, BytesPerEvent = 1_000_000 }), Snapshots, NullLogger.Instance);

    private static IncidentHistory History(IEnumerable<IncidentEvent> events, StoredSnapshot? snapshot = null) =>
        new([.. events], new IncidentDeliveries(), HasLegacyState: false, snapshot);

    /// <summary>The view, read-model row and schedule the memory holds, as text: equal text, equal memory.</summary>
    private static string Describe(IncidentMemory memory) => string.Join("\n",
        JsonSerializer.Serialize(memory.Lifecycle.ToView(Id), IncidentJson.Options),
        JsonSerializer.Serialize(IncidentRecord.Of(Id, memory.Lifecycle, memory.Schedule), IncidentJson.Options),
        $"next {memory.Schedule?.NextDue} fired {memory.Schedule?.Fired.Count} pending {memory.Schedule?.Pending.Count}");

    /// <summary>A memory that appended the first <paramref name="count"/> events one by one, storing each snapshot it was due.</summary>
    private static (IncidentMemory Memory, StoredSnapshot? Last) Appended(IReadOnlyList<IncidentEvent> events, int count)
    {
        var memory = NewMemory();
        StoredSnapshot? last = null;
        foreach (var e in events.Take(count))
        {
            memory.Apply([e]);
            if (memory.SnapshotDue() is { } snapshot)
            {
                memory.SnapshotStored(snapshot);
                last = snapshot;
            }
        }
        return (memory, last);
    }

    [Fact]
    public void Restored_from_its_last_snapshot_and_the_later_events_it_holds_what_the_appending_activation_held()
    {
        var events = IncidentSnapshotTests.History();
        var (appending, last) = Appended(events, events.Count);
        var snapshot = Assert.IsType<StoredSnapshot>(last);
        Assert.True(snapshot.Seq < events.Count, "the history must end with events after its last snapshot");

        var restored = NewMemory();
        Assert.True(restored.Restore(Id, History(events.Skip((int)snapshot.Seq), snapshot)));

        Assert.Equal(Describe(appending), Describe(restored));
        Assert.False(restored.Lifecycle.HoldsWholeHistory);
        var replayed = NewMemory();
        Assert.True(replayed.Restore(Id, History(events)));
        Assert.Equal(Describe(appending), Describe(replayed));
    }

    [Fact]
    public void The_next_snapshot_is_counted_from_the_one_stored_whether_appended_or_restored()
    {
        var events = IncidentSnapshotTests.History();
        var (_, first) = Appended(events, 5);
        Assert.Equal(5, Assert.IsType<StoredSnapshot>(first).Seq);

        var restored = NewMemory();
        restored.Restore(Id, History(events.Skip(5).Take(4), first));
        Assert.Null(restored.SnapshotDue());
        restored.Apply([events[9]]);
        Assert.Equal(10, Assert.IsType<StoredSnapshot>(restored.SnapshotDue()).Seq);
    }

    [Fact]
    public void An_unreadable_snapshot_or_one_from_before_a_redaction_is_refused_so_the_caller_replays_the_whole_log()
    {
        var events = IncidentSnapshotTests.History();
        var (_, last) = Appended(events, 12);
        var snapshot = Assert.IsType<StoredSnapshot>(last);
        var later = events.Skip((int)snapshot.Seq).ToList();
        var memory = NewMemory();

        Assert.False(memory.Restore(Id, History(later, snapshot with { State = [1, 2, 3] })));
        var redacted = new PersonalDataRedacted
        {
            Seq = events.Count + 1, At = events[^1].At, Actor = Actor.System, Classes = [PersonalDataRedactor.ReporterContact], Rule = "test",
        };
        Assert.False(memory.Restore(Id, History([.. later, redacted], snapshot)));

        Assert.True(memory.Restore(Id, History(events)));
        Assert.True(memory.Lifecycle.HoldsWholeHistory);
        Assert.Equal(events.Count, memory.Lifecycle.LastSeq);
    }

    [Fact]
    public void Forgotten_it_holds_nothing_and_owes_no_snapshot_until_events_arrive_again()
    {
        var events = IncidentSnapshotTests.History();
        var (memory, _) = Appended(events, 7);
        memory.Forget();

        Assert.False(memory.Lifecycle.Exists);
        Assert.Null(memory.Schedule);
        Assert.Null(memory.SnapshotDue());
    }
}
