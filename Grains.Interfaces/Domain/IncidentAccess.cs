namespace BacGiang.Incidents.Domain;

/// <summary>Who may see an incident: officers their commune's, agency staff their agency's, province staff all.</summary>
public static class IncidentAccess
{
    public static bool CanSee(Actor actor, string? commune, string? agency) => actor.Role switch
    {
        ActorRole.CommuneOfficer => actor.Commune is not null && actor.Commune == commune,
        ActorRole.AgencyStaff => actor.Agency is not null && actor.Agency == agency,
        // A citizen reaches an incident only through its tracking code, which the caller has checked.
        ActorRole.Citizen => true,
        _ => actor.IsProvinceWide,
    };
}
