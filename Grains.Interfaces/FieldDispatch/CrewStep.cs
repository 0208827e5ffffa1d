namespace BacGiang.Incidents.FieldDispatch;

[GenerateSerializer]
public enum CrewStepKind
{
    Assign,
    Accept,
    EnRoute,
    Arrive,
    Release,
}

/// <summary>
/// What a crew's agency tells the incident the crew is doing about it. Only the agency grain sends these, after its own
/// board has allowed the move (<see cref="CrewStatusRules"/>); the incident checks what is its to check: that it is
/// open, held by that agency, and held by that crew.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrewStep")]
public sealed record CrewStep(
    [property: Id(0)] CrewStepKind Kind,
    [property: Id(1)] string Agency,
    [property: Id(2)] string Crew,
    [property: Id(3)] string CrewName,
    [property: Id(4)] string? Reason = null);

/// <summary>The crew an incident is with, as its view and summary show it; <see cref="Stage"/> is assigned, accepted, en_route or on_scene.</summary>
[GenerateSerializer, Immutable, Alias("CrewOnIncident")]
public sealed record CrewOnIncident(
    [property: Id(0)] string Crew,
    [property: Id(1)] string Name,
    [property: Id(2)] string Stage);
