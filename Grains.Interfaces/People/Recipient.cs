using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>
/// A person an escalation target resolved to, why they were chosen ("on office-hours duty", "stands in for …",
/// "fallback: no commune chairman"), and from when they may be told (P3/P4 wait for the next working window).
/// </summary>
[GenerateSerializer, Immutable, Alias("Recipient")]
public sealed record Recipient
{
    [Id(0)] public required StaffMember Person { get; init; }
    [Id(1)] public required UnitRef Unit { get; init; }
    /// <summary>The ladder target this person answers for (after any fallback, the target that found them).</summary>
    [Id(2)] public required string Target { get; init; }
    [Id(3)] public required string Reason { get; init; }
    [Id(4)] public required Instant NotBefore { get; init; }
}

/// <summary>A ladder target that nobody held; the escalation went to <see cref="FellBackTo"/> instead.</summary>
[GenerateSerializer, Immutable, Alias("TargetGap")]
public sealed record TargetGap
{
    [Id(0)] public required string Target { get; init; }
    /// <summary>The unit searched, if the incident had one for this target.</summary>
    [Id(1)] public UnitRef? Unit { get; init; }
    [Id(2)] public required string Reason { get; init; }
    /// <summary>The target whose people were notified instead, or "nobody".</summary>
    [Id(3)] public required string FellBackTo { get; init; }
}

[GenerateSerializer, Immutable, Alias("TargetResolution")]
public sealed record TargetResolution
{
    [Id(0)] public IReadOnlyList<Recipient> Recipients { get; init; } = [];
    [Id(1)] public IReadOnlyList<TargetGap> Gaps { get; init; } = [];
}
