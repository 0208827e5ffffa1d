using NodaTime;

namespace BacGiang.Incidents.Domain.Events;

/// <summary>
/// More alerts of the same type from the same camera were attached to this incident instead of opening new
/// ones. Carries the running totals (not the increment), so a repeated delivery changes nothing.
/// </summary>
[GenerateSerializer, Immutable, Alias("AlertsCorrelated")]
public sealed record AlertsCorrelated : IncidentEvent
{
    [Id(0)] public required AlertTally Tally { get; init; }
}

/// <summary>What a camera has seen of one incident so far.</summary>
[GenerateSerializer, Immutable, Alias("AlertTally")]
public sealed record AlertTally
{
    [Id(0)] public required string CameraId { get; init; }
    [Id(1)] public required string AlertType { get; init; }
    [Id(2)] public required int Count { get; init; }
    [Id(3)] public required Instant FirstSeen { get; init; }
    [Id(4)] public required Instant LastSeen { get; init; }
    [Id(5)] public required double BestConfidence { get; init; }
    [Id(6)] public string? BestSnapshotUrl { get; init; }
    [Id(7)] public IReadOnlyList<string> Plates { get; init; } = [];
}
