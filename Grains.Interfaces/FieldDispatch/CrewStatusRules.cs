namespace BacGiang.Incidents.FieldDispatch;

/// <summary>
/// The lawful moves of a crew's status, who may make each, and which need a reason. Pure: the crew grain (next step)
/// asks here before it records anything. The table is in docs/dispatch.md.
/// </summary>
public static class CrewStatusRules
{
    public const int MaxReasonLength = 500;

    private sealed record Move(CrewStatus From, CrewStatus To, CrewActor[] By, bool NeedsReason, string Meaning);

    private static readonly CrewActor[] Dispatcher = [CrewActor.Dispatcher];
    private static readonly CrewActor[] TheCrew = [CrewActor.Crew];
    private static readonly CrewActor[] DispatcherOrCrew = [CrewActor.Dispatcher, CrewActor.Crew];
    private static readonly CrewActor[] CrewOrStaff = [CrewActor.Crew, CrewActor.AgencyStaff];

    // Not here, on purpose: available→en_route/on_scene (no job to travel to), assigned→on_scene (setting off is what
    // tells the dispatcher the crew accepted and starts the travel time), on_scene→assigned/en_route (finish or hand
    // back the job first, so a crew never holds two), and out_of_service→anything but available (come back first,
    // then take a job, so a truck back from the workshop is seen on the board before it is sent).
    private static readonly Move[] Moves =
    [
        new(CrewStatus.Available, CrewStatus.Assigned, Dispatcher, false, "given a job"),
        new(CrewStatus.Assigned, CrewStatus.EnRoute, TheCrew, false, "accepted and set off"),
        new(CrewStatus.Assigned, CrewStatus.Available, DispatcherOrCrew, true, "declined by the crew or withdrawn by the dispatcher"),
        new(CrewStatus.EnRoute, CrewStatus.OnScene, TheCrew, false, "arrived"),
        new(CrewStatus.EnRoute, CrewStatus.Available, DispatcherOrCrew, true, "recalled or turned back"),
        new(CrewStatus.OnScene, CrewStatus.Available, TheCrew, false, "job done"),
        new(CrewStatus.Available, CrewStatus.OutOfService, CrewOrStaff, true, "taken off the board"),
        new(CrewStatus.Assigned, CrewStatus.OutOfService, CrewOrStaff, true, "taken off the board"),
        new(CrewStatus.EnRoute, CrewStatus.OutOfService, CrewOrStaff, true, "broke down on the way"),
        new(CrewStatus.OnScene, CrewStatus.OutOfService, CrewOrStaff, true, "taken off the board"),
        new(CrewStatus.OutOfService, CrewStatus.Available, CrewOrStaff, false, "back in service"),
    ];

    /// <summary>Where <paramref name="actor"/> may take a crew that is <paramref name="current"/>, in enum order.</summary>
    public static IReadOnlyList<CrewStatus> NextFor(CrewStatus current, CrewActor actor) =>
        [.. Moves.Where(m => m.From == current && m.By.Contains(actor)).Select(m => m.To).Order()];

    /// <summary>Whether the move needs a reason (declines, recalls and going out of service do).</summary>
    public static bool NeedsReason(CrewStatus from, CrewStatus to) => Find(from, to)?.NeedsReason == true;

    public static CrewStatusDecision Decide(CrewStatus current, CrewStatus next, CrewActor actor, string? reason = null)
    {
        var allowedNext = NextFor(current, actor);
        CrewStatusDecision No(string why) => CrewStatusDecision.Refuse(why, current, allowedNext);

        if (current == next) return No($"the crew is already {CrewStatusText.Of(current)}");
        if (Find(current, next) is not { } move)
            return No($"{CrewStatusText.Of(current)} → {CrewStatusText.Of(next)} is not a lawful move; from {CrewStatusText.Of(current)} a crew goes to "
                + string.Join(", ", Moves.Where(m => m.From == current).Select(m => CrewStatusText.Of(m.To))));
        if (!move.By.Contains(actor))
            return No($"{CrewStatusText.Of(current)} → {CrewStatusText.Of(next)} ({move.Meaning}) is for {string.Join(" or ", move.By.Select(Name))}, not {Name(actor)}");
        var text = reason?.Trim() ?? "";
        if (move.NeedsReason && text.Length == 0)
            return No($"{CrewStatusText.Of(current)} → {CrewStatusText.Of(next)} ({move.Meaning}) needs a reason");
        if (text.Length > MaxReasonLength) return No($"a reason is at most {MaxReasonLength} characters");
        return CrewStatusDecision.Allow(current, allowedNext);
    }

    private static Move? Find(CrewStatus from, CrewStatus to) => Moves.FirstOrDefault(m => m.From == from && m.To == to);

    private static string Name(CrewActor actor) => actor switch
    {
        CrewActor.Dispatcher => "the dispatcher",
        CrewActor.Crew => "the crew",
        _ => "agency staff",
    };
}
