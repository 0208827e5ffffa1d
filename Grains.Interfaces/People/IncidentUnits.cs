namespace BacGiang.Incidents.People;

/// <summary>
/// The rosters an incident's escalation can reach: its commune's and agency's (either may be unknown, e.g. an
/// incident still in triage), the province's, and the department over the agency (for its director).
/// </summary>
public sealed record IncidentUnits(UnitRoster? Commune, UnitRoster? Agency, UnitRoster Province, string? Department);
