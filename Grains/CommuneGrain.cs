using BacGiang.Incidents.Domain;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Grains;

public sealed class CommuneGrain(
    [PersistentState("inbox", StorageNames.Incidents)] IPersistentState<IncidentListState> state,
    IClock clock,
    ILogger<CommuneGrain> logger) : IncidentListGrain(state, clock, logger), ICommuneGrain
{
    protected override bool Holds(IncidentSummary incident) =>
        incident.Commune == Owner && incident.TriageReason is null && !incident.Status.IsTerminal();
}
