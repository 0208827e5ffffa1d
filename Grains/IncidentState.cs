using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Grains;

/// <summary>An incident is its events; everything else is folded from them by the lifecycle on activation.</summary>
[GenerateSerializer, Alias("IncidentState")]
public sealed class IncidentState
{
    [Id(0)] public List<IncidentEvent> Events { get; set; } = [];

    /// <summary>
    /// Highest seq every inbox and queue is known to have received. Saved with the next event, so after a crash
    /// it may lag and the incident re-sends; receivers ignore what they already have.
    /// </summary>
    [Id(1)] public long NotifiedSeq { get; set; }

    /// <summary>Highest seq the escalation audit (PostgreSQL) is known to hold; lags and re-sends like <see cref="NotifiedSeq"/>.</summary>
    [Id(2)] public long RecordedSeq { get; set; }
}
