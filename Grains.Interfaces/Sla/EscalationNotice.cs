using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.Sla;

/// <summary>
/// What the escalation stream carries to notifiers and dashboards. The stream is live fan-out only: the
/// incident's events and the escalation records are the truth, so a lost notice delays, never loses.
/// </summary>
[GenerateSerializer, Immutable, Alias("EscalationNotice")]
public sealed record EscalationNotice
{
    public const string StreamProvider = "live";
    public const string StreamNamespace = "escalations";
    public const string ProvinceStream = "province";

    [Id(0)] public required string IncidentId { get; init; }
    [Id(1)] public required string Category { get; init; }
    [Id(2)] public required Priority Priority { get; init; }
    [Id(3)] public string? Commune { get; init; }
    [Id(4)] public string? Agency { get; init; }
    [Id(5)] public required EscalationKind Kind { get; init; }
    [Id(6)] public required int Level { get; init; }
    [Id(7)] public required int Repeat { get; init; }
    [Id(8)] public required IReadOnlyList<string> Targets { get; init; }
    [Id(9)] public required Instant DueAt { get; init; }
    [Id(10)] public required Instant FiredAt { get; init; }
    [Id(11)] public required Duration Lateness { get; init; }
}
