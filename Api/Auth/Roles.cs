namespace BacGiang.Incidents.Api.Auth;

public static class Roles
{
    public const string CommuneOfficer = nameof(CommuneOfficer);
    public const string AgencyStaff = nameof(AgencyStaff);
    public const string Supervisor = nameof(Supervisor);
    public const string Admin = nameof(Admin);

    public static readonly string[] All = [CommuneOfficer, AgencyStaff, Supervisor, Admin];
}

public static class ClaimNames
{
    public const string Role = "role";
    public const string Commune = "commune";
    public const string Agency = "agency";
    public const string Subject = "sub";
    public const string Name = "name";
}
