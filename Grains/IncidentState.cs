using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Grains;

/// <summary>An incident is its events; everything else is folded from them by the lifecycle on activation.</summary>
[GenerateSerializer, Alias("IncidentState")]
public sealed class IncidentState
{
    [Id(0)] public List<IncidentEvent> Events { get; set; } = [];

    /// <summary>
    /// Highest seq the read model (PostgreSQL) is known to hold: the events after it are the outbox. Saved with the
    /// next event, so after a crash it may lag and the incident re-sends; the read model ignores what it has.
    /// </summary>
    [Id(2)] public long ProjectedSeq { get; set; }

    /// <summary>Highest seq the citizen has been told about on the report's channel (a Zalo message); lags and re-sends like <see cref="ProjectedSeq"/>.</summary>
    [Id(3)] public long CitizenNotifiedSeq { get; set; }

    /// <summary>True once the incident this one was merged into has its reports.</summary>
    [Id(4)] public bool MergeDelivered { get; set; }

    /// <summary>The split-out reports already filed as incidents of their own (by the seq that had attached each).</summary>
    [Id(5)] public List<long> SplitsFiled { get; set; } = [];

    /// <summary>Highest seq whose fired escalation steps are in the notification outbox; lags and re-queues like <see cref="ProjectedSeq"/>.</summary>
    [Id(6)] public long NotifiedSeq { get; set; }
}
