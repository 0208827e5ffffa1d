using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>
/// The answer to a request on an agency's crew board. A refusal reuses the incidents' kinds (400, 403, 404, 409);
/// a conflict over a busy crew names the job it is on (<see cref="Crew"/>'s <see cref="CrewView.Job"/>), and one
/// the incident raised carries the incident's own result.
/// </summary>
[GenerateSerializer, Immutable, Alias("CrewResult")]
public sealed record CrewResult
{
    [Id(0)] public required CommandResultKind Kind { get; init; }
    [Id(1)] public string? Message { get; init; }
    [Id(2)] public string? Field { get; init; }
    /// <summary>The crew after the change, or as it is when the change was refused.</summary>
    [Id(3)] public CrewView? Crew { get; init; }
    /// <summary>Where the crew may go from its status, for the one who asked (the crew page offers only these).</summary>
    [Id(4)] public IReadOnlyList<CrewStatus> AllowedNext { get; init; } = [];
    /// <summary>When the incident refused the step: its answer (current status and allowed actions).</summary>
    [Id(5)] public CommandResult? Incident { get; init; }
    /// <summary>The incident the change was about (the job taken, moved on or left), for the answer to show.</summary>
    [Id(6)] public string? IncidentId { get; init; }

    public bool Succeeded => Kind is CommandResultKind.Done;

    public static CrewResult Done(CrewView crew, IReadOnlyList<CrewStatus> next, string? incidentId = null) =>
        new() { Kind = CommandResultKind.Done, Crew = crew, AllowedNext = next, IncidentId = incidentId };
    public static CrewResult NotFound(string message) => new() { Kind = CommandResultKind.NotFound, Message = message };
    public static CrewResult Forbidden(string message) => new() { Kind = CommandResultKind.Forbidden, Message = message };
    public static CrewResult Invalid(string field, string message, CrewView? crew = null) => new() { Kind = CommandResultKind.Invalid, Field = field, Message = message, Crew = crew };
    public static CrewResult Conflict(string message, CrewView crew, IReadOnlyList<CrewStatus> next) =>
        new() { Kind = CommandResultKind.Conflict, Message = message, Crew = crew, AllowedNext = next };
    public static CrewResult FromIncident(CommandResult incident, CrewView crew) =>
        new() { Kind = incident.Kind, Message = incident.Message, Field = incident.Field, Crew = crew, Incident = incident };
}
