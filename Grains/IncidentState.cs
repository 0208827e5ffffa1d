using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// What an incident owes other parts of the system, in grain state: its events themselves live in the log
/// (<see cref="ReadModel.IIncidentLog"/>), so this is written only when a delivery completes, never per event.
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
