namespace BacGiang.Incidents.People;

/// <summary>
/// One person of a unit's roster. The console always reaches them (they sign in with <see cref="StaffId"/> as their
/// token's subject); Zalo, SMS and e-mail only where an address is known.
/// </summary>
[GenerateSerializer, Immutable, Alias("StaffMember")]
public sealed record StaffMember
{
    [Id(0)] public required string StaffId { get; init; }
    [Id(1)] public required string Name { get; init; }
    /// <summary>Role in the unit's hierarchy, one of <see cref="StaffRoles"/> for the unit's kind.</summary>
    [Id(2)] public required string Role { get; init; }
    /// <summary>The person's id as the province's Zalo OA knows them (they follow the OA).</summary>
    [Id(3)] public string? ZaloUserId { get; init; }
    /// <summary>Mobile number, normalised to ten digits starting with 0.</summary>
    [Id(4)] public string? Phone { get; init; }
    [Id(5)] public string? Email { get; init; }
    [Id(6)] public DutyPattern Duty { get; init; } = DutyPattern.None;
    /// <summary>For a department director: the department (data/departments.csv) they head.</summary>
    [Id(7)] public string? Department { get; init; }
}
