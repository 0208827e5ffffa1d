using BacGiang.Incidents.Domain.Events;
using BacGiang.Incidents.FieldDispatch;
using NodaTime;

namespace BacGiang.Incidents.Domain;

/// <summary>The incident's side of field dispatch: which crew holds it and what that crew has done about it.</summary>
public sealed partial class IncidentLifecycle
{
    /// <summary>The crew holding this incident now; none before a crew is sent, and again once it is released or the incident resolved.</summary>
    [Id(31)] public CrewOnIncident? Crew { get; private set; }

    /// <summary>When the first crew arrived at the place: the incident's time to arrive, in the SLA report.</summary>
    [Id(32)] public Instant? FirstArrivedAt { get; private set; }

    /// <summary>Statuses in which the incident's agency works it and may send, move and release crews.</summary>
    private static bool TakesCrews(IncidentStatus status) =>
        status is IncidentStatus.Assigned or IncidentStatus.Acknowledged or IncidentStatus.InProgress or IncidentStatus.Waiting;

    /// <summary>
    /// A crew step its agency has already allowed on its board. Setting off or arriving on an acknowledged incident
    /// also starts the work, as the crew member: the agency is now working it, and the crew can resolve it at the place.
    /// On an incident the commune has not acknowledged yet, the crew still goes, but the acknowledgement stays the
    /// commune's (DESIGN.md section 1), and the crew resolves once it is in.
    /// </summary>
    public Decision DecideCrew(CrewStep step, Actor actor, Instant now)
    {
        if (!Exists) return Decision.Fail(CommandResult.NotFound("No such incident."));
        if (!CanSee(actor)) return Decision.Fail(CommandResult.Forbidden(OutOfScope(actor)));
        if (!TakesCrews(Status)) return Decision.Fail(CrewConflict($"A crew can be sent to, or move on, an incident that is being worked; this one is {Name(Status)}."));
        if (Agency != step.Agency) return Decision.Fail(CrewConflict($"The incident is with agency {Agency ?? "none"}, not {step.Agency}."));
        if (step.Kind == CrewStepKind.Assign)
        {
            if (Crew is { } held)
                return Decision.Fail(CrewConflict(held.Crew == step.Crew
                    ? $"Crew {step.Crew} already holds this incident ({held.Stage})."
                    : $"Crew {held.Crew} ({held.Name}) already holds this incident ({held.Stage}); release it first."));
        }
        else if (Crew?.Crew != step.Crew)
            return Decision.Fail(CrewConflict($"Crew {step.Crew} does not hold this incident{(Crew is { } other ? $"; crew {other.Crew} does" : "")}."));
        if (step.Kind == CrewStepKind.Release && string.IsNullOrWhiteSpace(step.Reason))
            return Decision.Fail(CommandResult.Invalid("reason", "Say why the crew leaves the job."));

        var seq = LastSeq + 1;
        CrewEvent e = step.Kind switch
        {
            CrewStepKind.Assign => new CrewAssigned { Seq = seq, At = now, Actor = actor, Crew = step.Crew, CrewName = step.CrewName },
            CrewStepKind.Accept => new CrewAccepted { Seq = seq, At = now, Actor = actor, Crew = step.Crew, CrewName = step.CrewName },
            CrewStepKind.EnRoute => new CrewEnRoute { Seq = seq, At = now, Actor = actor, Crew = step.Crew, CrewName = step.CrewName },
            CrewStepKind.Arrive => new CrewArrived { Seq = seq, At = now, Actor = actor, Crew = step.Crew, CrewName = step.CrewName },
            CrewStepKind.Release => new CrewReleased { Seq = seq, At = now, Actor = actor, Crew = step.Crew, CrewName = step.CrewName, Reason = step.Reason!.Trim() },
            _ => throw new ArgumentOutOfRangeException(nameof(step), step.Kind, "Unknown crew step."),
        };
        if (step.Kind is CrewStepKind.EnRoute or CrewStepKind.Arrive && Status == IncidentStatus.Acknowledged)
            return new Decision(CommandResult.Done(seq + 1), [e, new WorkStarted { Seq = seq + 1, At = now, Actor = actor, Note = $"{step.CrewName}: {Stage(step.Kind)}" }]);
        return new Decision(CommandResult.Done(seq), [e]);
    }

    private void ApplyCrew(CrewEvent e)
    {
        switch (e)
        {
            case CrewAssigned:
                Crew = new CrewOnIncident(e.Crew, e.CrewName, Stage(CrewStepKind.Assign));
                break;
            case CrewAccepted:
                Crew = new CrewOnIncident(e.Crew, e.CrewName, Stage(CrewStepKind.Accept));
                break;
            case CrewEnRoute:
                Crew = new CrewOnIncident(e.Crew, e.CrewName, Stage(CrewStepKind.EnRoute));
                break;
            case CrewArrived:
                Crew = new CrewOnIncident(e.Crew, e.CrewName, Stage(CrewStepKind.Arrive));
                FirstArrivedAt ??= e.At;
                break;
            case CrewReleased:
                Crew = null;
                break;
        }
    }

    private static string Stage(CrewStepKind kind) => kind switch
    {
        CrewStepKind.Assign => "assigned",
        CrewStepKind.Accept => "accepted",
        CrewStepKind.EnRoute => "en_route",
        CrewStepKind.Arrive => "on_scene",
        _ => "released",
    };

    private CommandResult CrewConflict(string why) => new()
    {
        Kind = CommandResultKind.Conflict,
        Message = why,
        CurrentStatus = Status,
        AllowedActions = AllowedActions(Status),
    };
}
