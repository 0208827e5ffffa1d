using BacGiang.Incidents.Grains.ReadModel;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Grains.People;

public sealed class CommuneGrain(
    [PersistentState("commune", StorageNames.Incidents)] IPersistentState<StaffedUnitState> state,
    ReferenceData reference,
    IOpenIncidentSource incidents,
    IClock clock,
    ILogger<CommuneGrain> logger) : StaffedUnitGrain(state, reference, incidents, clock, logger), ICommuneGrain
{
    protected override UnitKind Kind => UnitKind.Commune;
}
