using BacGiang.Incidents.Domain;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Grains;

public sealed class TriageGrain(
    [PersistentState("triage", StorageNames.Incidents)] IPersistentState<IncidentListState> state,
    IClock clock,
    ILogger<TriageGrain> logger) : IncidentListGrain(state, clock, logger), ITriageGrain
{
    protected override bool Holds(IncidentSummary incident) =>
        incident.TriageReason is not null && !incident.Status.IsTerminal();
}
