namespace BacGiang.Incidents.Domain.Events;

[GenerateSerializer, Immutable, Alias("IncidentResolved")]
public sealed record IncidentResolved : IncidentEvent
{
    [Id(0)] public required ResolutionOutcome Outcome { get; init; }
    [Id(1)] public string? Note { get; init; }
    /// <summary>Why it was not fixed (required for <see cref="ResolutionOutcome.NotFixed"/>).</summary>
    [Id(2)] public string? Reason { get; init; }
    /// <summary>The body it was referred to (required for <see cref="ResolutionOutcome.NotResponsible"/>).</summary>
    [Id(3)] public string? ReferredTo { get; init; }
    [Id(4)] public string? PhotoUrl { get; init; }
}
