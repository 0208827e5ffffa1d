namespace BacGiang.Incidents.People;

/// <summary>A unit's people and the exceptions to their duty.</summary>
[GenerateSerializer, Immutable, Alias("UnitRoster")]
public sealed record UnitRoster
{
    [Id(0)] public required UnitRef Unit { get; init; }
    [Id(1)] public IReadOnlyList<StaffMember> People { get; init; } = [];
    [Id(2)] public IReadOnlyList<DutyOverride> Overrides { get; init; } = [];

    public StaffMember? Find(string staffId) => People.FirstOrDefault(p => p.StaffId == staffId);
}
