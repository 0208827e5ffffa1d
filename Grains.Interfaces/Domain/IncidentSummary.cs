using NodaTime;

namespace BacGiang.Incidents.Domain;

/// <summary>
/// The incident as an inbox, a queue or a search result shows it: its row in the read model as of <see cref="Seq"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentSummary")]
public sealed record IncidentSummary
{
    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required long Seq { get; init; }
    [Id(2)] public required string TrackingCode { get; init; }
    [Id(3)] public required IncidentStatus Status { get; init; }
    [Id(4)] public required string Category { get; init; }
    [Id(5)] public required Priority Priority { get; init; }
    [Id(6)] public string? Commune { get; init; }
    [Id(7)] public string? Agency { get; init; }
    [Id(8)] public required Instant ReportedAt { get; init; }
    [Id(9)] public required Instant UpdatedAt { get; init; }
    [Id(10)] public required string Summary { get; init; }
    [Id(11)] public string? Address { get; init; }
    /// <summary>Set while the incident waits in provincial triage.</summary>
    [Id(12)] public string? TriageReason { get; init; }
    /// <summary>Highest escalation level reached by the current SLA clocks (0: none).</summary>
    [Id(13)] public int EscalationLevel { get; init; }
    /// <summary>Deadlines of the clocks still running, for sorting by urgency; null once met or stopped.</summary>
    [Id(14)] public Instant? AckDeadline { get; init; }
    [Id(15)] public Instant? ResolveDeadline { get; init; }
    /// <summary>A running deadline has passed (as of the query).</summary>
    [Id(16)] public bool Overdue { get; init; }
    [Id(17)] public int ReportCount { get; init; } = 1;
    /// <summary>Fired levels of the running clocks that nobody they reached has acknowledged yet.</summary>
    [Id(18)] public int UnacknowledgedEscalations { get; init; }
    /// <summary>The crew holding the incident and its stage, for the agency's queue.</summary>
    [Id(19)] public FieldDispatch.CrewOnIncident? Crew { get; init; }
}
