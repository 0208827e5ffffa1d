namespace BacGiang.Incidents.Domain.Events;

/// <summary>
/// A step of the crew an agency sent to this incident. The crew's own status board lives in its agency's grain; the
/// incident keeps these so its timeline shows who was sent and when they set off and arrived.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrewEvent")]
public abstract record CrewEvent : IncidentEvent
{
    [Id(0)] public required string Crew { get; init; }
    [Id(1)] public required string CrewName { get; init; }
}

/// <summary>The agency's dispatcher gave this incident to a crew.</summary>
[GenerateSerializer, Immutable, Alias("CrewAssigned")]
public sealed record CrewAssigned : CrewEvent;

/// <summary>A crew member took the job on the crew page (before setting off).</summary>
[GenerateSerializer, Immutable, Alias("CrewAccepted")]
public sealed record CrewAccepted : CrewEvent;

/// <summary>The crew set off; travel time runs from here.</summary>
[GenerateSerializer, Immutable, Alias("CrewEnRoute")]
public sealed record CrewEnRoute : CrewEvent;

/// <summary>The crew is at the place. The first arrival is the incident's time to arrive in the SLA report.</summary>
[GenerateSerializer, Immutable, Alias("CrewArrived")]
public sealed record CrewArrived : CrewEvent;

/// <summary>
/// The crew no longer holds the job without having resolved it: declined, withdrawn or recalled (with the reason), or
/// released by the system when the incident left the agency or ended another way. The incident is back in the
/// agency's queue for another crew.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrewReleased")]
public sealed record CrewReleased : CrewEvent
{
    [Id(0)] public required string Reason { get; init; }
}
