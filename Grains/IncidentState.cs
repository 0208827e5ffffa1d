using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// The incident's grain state as earlier versions wrote it: its delivery bookkeeping (until V0012; now
/// <see cref="ReadModel.IncidentDeliveries"/> in the log's tables) and, before the log (V0009), its whole history.
/// Read once, by an incident listed in incident_legacy_state, and then cleared.
/// </summary>
[GenerateSerializer, Alias("IncidentState")]
public sealed class IncidentState
{
    /// <summary>The previous version kept the whole history here; an incident moves it into the log on activation.</summary>
    [Id(0)] public List<IncidentEvent> Events { get; set; } = [];

    /// <summary>Highest seq the citizen has been told about on the report's channel (a Zalo message); saved after the sends, so a crash re-sends.</summary>
    [Id(3)] public long CitizenNotifiedSeq { get; set; }

    /// <summary>True once the incident this one was merged into has its reports.</summary>
    [Id(4)] public bool MergeDelivered { get; set; }

    /// <summary>The split-out reports already filed as incidents of their own (by the seq that had attached each).</summary>
    [Id(5)] public List<long> SplitsFiled { get; set; } = [];

    /// <summary>Highest seq whose fired escalation steps are in the notification outbox; a crash before it is saved re-queues (idempotently).</summary>
    [Id(6)] public long NotifiedSeq { get; set; }
}
