namespace BacGiang.Incidents.FieldDispatch;

/// <summary>Who asks a crew's status to change: each transition belongs to some of these, not to everyone.</summary>
public enum CrewActor
{
    /// <summary>The agency's dispatch desk, which hands out jobs and may recall a crew.</summary>
    Dispatcher,
    /// <summary>A member of the crew, from the crew page on a phone.</summary>
    Crew,
    /// <summary>Agency staff managing the fleet (a truck in the workshop), not handing out jobs.</summary>
    AgencyStaff,
}
