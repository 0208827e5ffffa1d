namespace BacGiang.Incidents.People;

/// <summary>The roles of each kind of unit's hierarchy, lowest first.</summary>
public static class StaffRoles
{
    public const string Officer = "officer";
    public const string ViceChairman = "vice-chairman";
    public const string Chairman = "chairman";
    public const string Staff = "staff";
    public const string Head = "head";
    public const string Supervisor = "supervisor";
    public const string DepartmentDirector = "department-director";

    public static IReadOnlyList<string> Of(UnitKind kind) => kind switch
    {
        UnitKind.Commune => [Officer, ViceChairman, Chairman],
        UnitKind.Agency => [Staff, Head],
        _ => [Supervisor, DepartmentDirector],
    };

    public static bool IsKnown(UnitKind kind, string role) => Of(kind).Contains(role);
}
