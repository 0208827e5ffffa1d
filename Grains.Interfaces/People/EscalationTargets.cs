namespace BacGiang.Incidents.People;

/// <summary>What each target of data/escalation-ladders.csv means in people, and who is told when nobody holds it.</summary>
public static class EscalationTargets
{
    public const string CommuneOfficer = "commune-officer";
    public const string CommuneChairman = "commune-chairman";
    public const string AgencyStaff = "agency-staff";
    public const string AgencyHead = "agency-head";
    public const string ProvincialSupervisor = "provincial-supervisor";
    public const string DepartmentDirector = "department-director";

    /// <summary>Every target a ladder may name: data/escalation-ladders.csv is checked against this at start.</summary>
    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        CommuneOfficer, CommuneChairman, AgencyStaff, AgencyHead, ProvincialSupervisor, DepartmentDirector,
    };

    /// <summary>
    /// The unit searched, the role wanted, and whether only people on duty count: rota roles (officers, staff,
    /// supervisors) are reached while on duty; heads of a hierarchy answer whenever they hold the role.
    /// </summary>
    public static (UnitKind Kind, string Role, bool OnDutyOnly) Of(string target) => target switch
    {
        CommuneOfficer => (UnitKind.Commune, StaffRoles.Officer, true),
        CommuneChairman => (UnitKind.Commune, StaffRoles.Chairman, false),
        AgencyStaff => (UnitKind.Agency, StaffRoles.Staff, true),
        AgencyHead => (UnitKind.Agency, StaffRoles.Head, false),
        ProvincialSupervisor => (UnitKind.Province, StaffRoles.Supervisor, true),
        DepartmentDirector => (UnitKind.Province, StaffRoles.DepartmentDirector, false),
        _ => throw new ArgumentException($"Unknown escalation target '{target}'.", nameof(target)),
    };

    /// <summary>One step up the hierarchy; null at the top (department director), where every supervisor is told.</summary>
    public static string? Fallback(string target) => target switch
    {
        CommuneOfficer => CommuneChairman,
        CommuneChairman => ProvincialSupervisor,
        AgencyStaff => AgencyHead,
        AgencyHead => ProvincialSupervisor,
        ProvincialSupervisor => DepartmentDirector,
        DepartmentDirector => null,
        _ => throw new ArgumentException($"Unknown escalation target '{target}'.", nameof(target)),
    };
}
