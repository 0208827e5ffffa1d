using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;

namespace BacGiang.Incidents;

/// <summary>
/// What a commune, an agency and the province have in common as actors: their people and who is on duty, and live
/// figures of their incidents. Not their lists: inboxes and queues are read-model queries (docs/adr/0001).
/// </summary>
public interface IStaffedUnitGrain : IGrainWithStringKey
{
    Task<UnitRoster> GetRoster();

    Task<RosterResult> Change(RosterCommand command, Actor actor);

    Task<IReadOnlyList<RosterChanged>> GetChanges();

    /// <summary>An incident of this unit changed; stale or repeated summaries (a lower or equal seq) are ignored.</summary>
    [Orleans.Concurrency.OneWay]
    Task Track(IncidentSummary summary);

    Task<UnitCounters> GetCounters();
}

/// <summary>A unit whose console follows it live (<see cref="ReadModel.LiveStreams"/>).</summary>
public interface IFollowedUnitGrain : IStaffedUnitGrain
{
    /// <summary>
    /// A console follows this unit live for the next two minutes (consoles renew while open): from the moment this
    /// returns, every change of the unit's incidents (and an agency's crews) is published on its live stream. Nobody
    /// following, no streaming.
    /// </summary>
    Task Follow();
}

/// <summary>Key: the commune's unit code. Also the live hub its consoles follow.</summary>
public interface ICommuneGrain : IFollowedUnitGrain;

/// <summary>Key: <see cref="UnitRef.ProvinceCode"/>. Supervisors and department directors.</summary>
public interface IProvinceGrain : IStaffedUnitGrain;

public static class StaffedUnits
{
    public static IStaffedUnitGrain Of(this IGrainFactory grains, UnitRef unit) => unit.Kind switch
    {
        UnitKind.Commune => grains.GetGrain<ICommuneGrain>(unit.Code),
        UnitKind.Agency => grains.GetGrain<IAgencyGrain>(unit.Code),
        _ => grains.GetGrain<IProvinceGrain>(UnitRef.ProvinceCode),
    };
}
