using System.Security.Claims;
using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Api.Auth;

public static class ActorFromClaims
{
    /// <summary>The most powerful role the token carries wins; officers and staff bring their commune or agency.</summary>
    public static Actor? ToActor(this ClaimsPrincipal user)
    {
        if (user.Identity?.IsAuthenticated != true) return null;
        var id = user.FindFirstValue(ClaimNames.Subject) ?? "unknown";
        if (user.IsInRole(Roles.Admin)) return new Actor(ActorRole.Admin, id);
        if (user.IsInRole(Roles.Supervisor)) return new Actor(ActorRole.Supervisor, id);
        if (user.IsInRole(Roles.CommuneOfficer) && user.FindFirstValue(ClaimNames.Commune) is { } commune)
            return new Actor(ActorRole.CommuneOfficer, id, Commune: commune);
        if (user.IsInRole(Roles.AgencyStaff) && user.FindFirstValue(ClaimNames.Agency) is { } agency)
            return new Actor(ActorRole.AgencyStaff, id, Agency: agency);
        return null;
    }
}
