using BacGiang.Incidents.Domain;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Grains;

public sealed class AgencyGrain(
    [PersistentState("queue", StorageNames.Incidents)] IPersistentState<IncidentListState> state,
    IClock clock,
    ILogger<AgencyGrain> logger) : IncidentListGrain(state, clock, logger), IAgencyGrain
{
    protected override bool Holds(IncidentSummary incident) =>
        incident.Agency == Owner && incident.TriageReason is null && !incident.Status.IsTerminal();
}
