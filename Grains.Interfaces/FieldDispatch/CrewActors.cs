using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>Which part a signed-in person plays towards one crew, for <see cref="CrewStatusRules"/>.</summary>
public static class CrewActors
{
    /// <summary>
    /// A member of the crew acts as the crew. Anyone else of the crew's agency (or a supervisor) acts as its
    /// dispatcher, except that taking a crew out of service or back is fleet management (agency staff). Null: nobody
    /// with a say over this crew (another agency, a commune officer, a citizen).
    /// </summary>
    public static CrewActor? Of(Actor actor, Crew crew, CrewStatus current, CrewStatus next)
    {
        if (!MayManage(actor, crew)) return null;
        if (IsMember(actor, crew)) return CrewActor.Crew;
        return next == CrewStatus.OutOfService || current == CrewStatus.OutOfService ? CrewActor.AgencyStaff : CrewActor.Dispatcher;
    }

    public static bool MayManage(Actor actor, Crew crew) =>
        actor.Role == ActorRole.AgencyStaff ? actor.Agency == crew.Agency : actor.Role is ActorRole.Supervisor or ActorRole.Admin;

    public static bool IsMember(Actor actor, Crew crew) =>
        actor.Role == ActorRole.AgencyStaff && actor.Agency == crew.Agency && crew.Members.Contains(actor.Id, StringComparer.Ordinal);
}
