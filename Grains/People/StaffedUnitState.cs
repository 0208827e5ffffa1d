using BacGiang.Incidents.People;

namespace BacGiang.Incidents.Grains.People;

/// <summary>A unit's roster and every accepted edit of it. Null roster: never stored, the sample data seeds it.</summary>
[GenerateSerializer, Alias("StaffedUnitState")]
public sealed class StaffedUnitState
{
    [Id(0)] public UnitRoster? Roster { get; set; }
    [Id(1)] public List<RosterChanged> Changes { get; set; } = [];
}
