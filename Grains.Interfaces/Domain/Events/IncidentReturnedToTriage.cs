namespace BacGiang.Incidents.Domain.Events;

/// <summary>
/// The assigned agency gave the incident back: it is not theirs. The incident waits in the provincial triage queue,
/// still in its commune, until someone dispatches it to the right agency.
/// </summary>
[GenerateSerializer, Immutable, Alias("IncidentReturnedToTriage")]
public sealed record IncidentReturnedToTriage : IncidentEvent
{
    [Id(0)] public required string Reason { get; init; }
    /// <summary>The agency that held it, so the triage queue shows where it has already been.</summary>
    [Id(1)] public string? FromAgency { get; init; }
}
