using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.FieldDispatch;
using NodaTime;

namespace BacGiang.Incidents;

/// <summary>
/// Key: the agency code. Its people (<see cref="IStaffedUnitGrain"/>), the live hub of its queue, and the board of its
/// crews: one grain per agency, so two dispatchers sending the same crew are taken one after the other and the second
/// is told the job the crew is on. Every status change is checked by <see cref="CrewStatusRules"/> and told to the
/// incident before it is stored (docs/dispatch.md).
/// </summary>
public interface IAgencyGrain : IFollowedUnitGrain
{
    Task<IReadOnlyList<CrewView>> GetCrews();

    /// <summary>Sends an available crew to one of this agency's incidents (dispatcher).</summary>
    Task<CrewResult> Assign(string crewId, string incidentId, Actor actor);

    /// <summary>A member of the crew takes the job it was given; the crew stays assigned until it sets off.</summary>
    Task<CrewResult> Accept(string crewId, Actor actor);

    /// <summary>
    /// Any other status change: setting off, arriving, declining, withdrawing, recalling (those three with a reason),
    /// leaving the scene, going out of service and back. Leaving a job tells the incident, which goes back to the queue.
    /// </summary>
    Task<CrewResult> Move(string crewId, CrewStatus next, string? reason, Actor actor);

    /// <summary>A member of a crew on scene resolves its incident (outcome, note, photo); the crew is then available.</summary>
    Task<CrewResult> Resolve(string crewId, Resolve command, Actor actor);

    /// <summary>Where a member's phone says the crew is; refused (naming lat, lon or at) outside the province or its time window.</summary>
    Task<CrewResult> ReportPosition(string crewId, double lat, double lon, Instant at, Actor actor);
}
