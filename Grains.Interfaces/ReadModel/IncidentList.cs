using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.ReadModel;

/// <summary>The open incidents a commune, an agency or the triage desk is responsible for, most urgent first.</summary>
public sealed record IncidentList
{
    public required string Owner { get; init; }
    public required IReadOnlyList<IncidentSummary> Incidents { get; init; }
    public required IReadOnlyDictionary<IncidentStatus, int> CountsByStatus { get; init; }
    /// <summary>Open incidents with a running deadline already passed.</summary>
    public required int Overdue { get; init; }
}
