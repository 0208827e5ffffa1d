namespace BacGiang.Incidents.Domain.Events;

[GenerateSerializer, Immutable, Alias("IncidentReported")]
public sealed record IncidentReported : IncidentEvent
{
    [Id(0)] public required string TrackingCode { get; init; }
    [Id(1)] public required Priority Priority { get; init; }
    [Id(2)] public required ReportDetails Report { get; init; }
    /// <summary>The SLA in force when the incident was filed, kept for its whole life.</summary>
    [Id(3)] public Sla.SlaPolicy? Sla { get; init; }
}
