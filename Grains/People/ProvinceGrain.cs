using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Grains.People;

public sealed class ProvinceGrain(
    [PersistentState("province", StorageNames.Incidents)] IPersistentState<StaffedUnitState> state,
    ReferenceData reference,
    IOpenIncidentSource incidents,
    IClock clock,
    ILogger<ProvinceGrain> logger) : StaffedUnitGrain(state, reference, incidents, clock, logger), IProvinceGrain
{
    protected override UnitKind Kind => UnitKind.Province;
}
