using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Grains.People;

/// <summary>A commune: its people and counters (<see cref="StaffedUnitGrain"/>), and the live hub its consoles follow.</summary>
public sealed class CommuneGrain(
    [PersistentState("commune", StorageNames.Incidents)] IPersistentState<StaffedUnitState> state,
    ReferenceData reference,
    IOpenIncidentSource incidents,
    IClock clock,
    ILogger<CommuneGrain> logger) : FollowedUnitGrain(state, reference, incidents, clock, logger), ICommuneGrain
{
    protected override UnitKind Kind => UnitKind.Commune;

    protected override string StreamNamespace => LiveStreams.Communes;

    protected override bool Shows(IncidentSummary summary) => summary.Commune == Code;
}
