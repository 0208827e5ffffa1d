namespace BacGiang.Incidents.Domain;

[GenerateSerializer]
public enum ActorRole
{
    Citizen,
    CommuneOfficer,
    AgencyStaff,
    Supervisor,
    Admin,
    System,
}
