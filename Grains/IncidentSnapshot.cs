using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Sla;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// An incident's folded state at one seq (its lifecycle and escalation schedule), stored with an append so that an
/// activation replays only the events after it. A cache of the log, never its truth: one missing, unreadable or of
/// another <see cref="Format"/> is ignored and the whole log replayed.
/// </summary>
[GenerateSerializer, Alias("IncidentSnapshot")]
public sealed class IncidentSnapshot
{
    /// <summary>
    /// Raised whenever a change to <see cref="IncidentLifecycle.Apply"/> or the schedule's fold would fold the same
    /// events differently: snapshots of the old meaning are then ignored and rebuilt. Also raised when a previous
    /// version could not read the new form (2: collections never filled are stored as absent), so that during a rolling
    /// upgrade each version reads only its own snapshots and replays the log otherwise.
    /// </summary>
    public const int Format = 2;

    [Id(0)] public required IncidentLifecycle Lifecycle { get; init; }
    [Id(1)] public EscalationSchedule.Fold? Schedule { get; init; }
}
