using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Grains.People;

public sealed class AgencyGrain(
    [PersistentState("agency", StorageNames.Incidents)] IPersistentState<StaffedUnitState> state,
    ReferenceData reference,
    IOpenIncidentSource incidents,
    IClock clock,
    ILogger<AgencyGrain> logger) : StaffedUnitGrain(state, reference, incidents, clock, logger), IAgencyGrain
{
    protected override UnitKind Kind => UnitKind.Agency;
}
