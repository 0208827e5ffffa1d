using BacGiang.Incidents.Domain.Events;
using NodaTime;

namespace BacGiang.Incidents.Domain;

[GenerateSerializer, Immutable, Alias("Resolution")]
public sealed record Resolution(
    [property: Id(0)] ResolutionOutcome Outcome,
    [property: Id(1)] string? Note,
    [property: Id(2)] string? Reason,
    [property: Id(3)] string? ReferredTo,
    [property: Id(4)] string? PhotoUrl);

/// <summary>The whole current state of one incident, as staff see it.</summary>
[GenerateSerializer, Immutable, Alias("IncidentView")]
public sealed record IncidentView
{
    [Id(0)] public required string Id { get; init; }
    [Id(1)] public required string TrackingCode { get; init; }
    [Id(2)] public required IncidentStatus Status { get; init; }
    [Id(3)] public required string Category { get; init; }
    [Id(4)] public required Priority Priority { get; init; }
    [Id(5)] public string? Commune { get; init; }
    [Id(6)] public string? Agency { get; init; }
    [Id(7)] public string? TriageReason { get; init; }
    [Id(8)] public required Instant ReportedAt { get; init; }
    [Id(9)] public required Instant UpdatedAt { get; init; }
    [Id(10)] public Instant? AcknowledgedAt { get; init; }
    [Id(11)] public Instant? ResolvedAt { get; init; }
    [Id(12)] public Instant? ClosedAt { get; init; }
    [Id(13)] public Resolution? Resolution { get; init; }
    [Id(14)] public required ReportDetails Report { get; init; }
    [Id(15)] public required long LastSeq { get; init; }
    [Id(16)] public required IReadOnlyList<IncidentAction> AllowedActions { get; init; }
    [Id(17)] public int EscalationLevel { get; init; }
    [Id(18)] public IReadOnlyList<string> EscalationTargets { get; init; } = [];
    /// <summary>For an incident raised by a camera: how many alerts it has drawn, first and last seen, the best snapshot.</summary>
    [Id(19)] public AlertTally? Alerts { get; init; }
    /// <summary>How many citizens' reports this incident holds (the first, attached duplicates, merged-in ones).</summary>
    [Id(20)] public int ReportCount { get; init; } = 1;
    [Id(21)] public string? MergedInto { get; init; }
    /// <summary>Citizens' ratings after resolution, oldest first (at most one per reporter and channel).</summary>
    [Id(22)] public IReadOnlyList<Rating> Ratings { get; init; } = [];
    /// <summary>The crew holding the incident now and how far it has got (docs/dispatch.md).</summary>
    [Id(23)] public FieldDispatch.CrewOnIncident? Crew { get; init; }
    [Id(24)] public Instant? FirstArrivedAt { get; init; }
}

/// <summary>
/// A citizen's rating as the incident keeps it. <see cref="By"/> is the rating actor's id (a Zalo one is personal
/// data): used to tell one reporter's rating from another's, never shown in the staff's JSON view.
/// </summary>
[GenerateSerializer, Immutable, Alias("Rating")]
public sealed record Rating(
    [property: Id(0)] int Stars,
    [property: Id(1)] string? Comment,
    [property: Id(2)] string Channel,
    [property: Id(3), System.Text.Json.Serialization.JsonIgnore] string By,
    [property: Id(4)] Instant At);
