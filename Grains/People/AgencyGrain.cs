using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Domain.Commands;
using BacGiang.Incidents.FieldDispatch;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;

namespace BacGiang.Incidents.Grains.People;

/// <summary>
/// An agency: its people and counters, the live hub of its queue, and its crews' board. The board's rules are
/// <see cref="CrewStatusRules"/> and <see cref="PositionRules"/>; this class orders requests (one at a time, so of two
/// dispatchers sending the same crew the second is told the job it is on), tells the incident, then stores.
/// </summary>
public sealed class AgencyGrain(
    [PersistentState("agency", StorageNames.Incidents)] IPersistentState<StaffedUnitState> state,
    [PersistentState("crews", StorageNames.Incidents)] IPersistentState<CrewBoardState> board,
    ReferenceData reference,
    IOpenIncidentSource incidents,
    IOptions<DispatchOptions> dispatch,
    IClock clock,
    ILogger<AgencyGrain> logger) : FollowedUnitGrain(state, reference, incidents, clock, logger), IAgencyGrain
{
    /// <summary>
    /// Positions alone are written at most this often: a phone reports every few seconds, and a position lost in a
    /// crash is replaced by the next one. Status changes are written before they are answered.
    /// </summary>
    private static readonly TimeSpan PositionWriteEvery = TimeSpan.FromSeconds(30);

    private const string JobDone = "job done";

    private IGrainTimer? positionWrite;
    private bool positionsUnwritten;

    protected override UnitKind Kind => UnitKind.Agency;

    protected override string StreamNamespace => LiveStreams.Agencies;

    protected override bool Shows(IncidentSummary summary) => summary.Agency == Code;

    private IReadOnlyList<Crew> Crews => crews ??= Reference.SampleCrews.Where(c => c.Agency == Code).ToList();
    private IReadOnlyList<Crew>? crews;

    public Task<IReadOnlyList<CrewView>> GetCrews() =>
        Task.FromResult<IReadOnlyList<CrewView>>(Crews.OrderBy(c => c.CrewId, StringComparer.Ordinal).Select(View).ToList());

    public async Task<CrewResult> Assign(string crewId, string incidentId, Actor actor)
    {
        if (Find(crewId) is not { } crew) return NoCrew(crewId);
        var entry = Entry(crew);
        if (CrewActors.Of(actor, crew, entry.Status, CrewStatus.Assigned) is not { } who) return NotYours(crew);
        // A busy crew's answer names its job before anything else: that is what the second dispatcher needs to know.
        if (entry.Job is { } job)
            return CrewResult.Conflict(job == incidentId
                ? $"Crew {crew.CrewId} ({crew.Name}) already holds incident {job}."
                : $"Crew {crew.CrewId} ({crew.Name}) is {CrewStatusText.Of(entry.Status)} on incident {job}.", View(crew), Next(entry, who));
        var decision = CrewStatusRules.Decide(entry.Status, CrewStatus.Assigned, who);
        if (!decision.Allowed) return CrewResult.Conflict($"Crew {crew.CrewId}: {decision.Refusal}.", View(crew), decision.AllowedNext);

        var told = await GrainFactory.GetGrain<IIncidentGrain>(incidentId).RecordCrew(Step(CrewStepKind.Assign, crew), actor);
        if (!told.Succeeded) return CrewResult.FromIncident(told, View(crew));
        entry.Job = incidentId;
        entry.JobSeq = told.Seq ?? 0;
        entry.Accepted = false;
        entry.Reason = null;
        return await Changed(crew, entry, CrewStatus.Assigned, who, actor, incidentId);
    }

    public async Task<CrewResult> Accept(string crewId, Actor actor)
    {
        if (Find(crewId) is not { } crew) return NoCrew(crewId);
        var entry = Entry(crew);
        if (!CrewActors.IsMember(actor, crew)) return CrewResult.Forbidden($"Only a member of crew {crew.CrewId} accepts its jobs.");
        if (entry is not { Status: CrewStatus.Assigned, Job: { } job })
            return CrewResult.Conflict($"Crew {crew.CrewId} has no job waiting to be accepted; it is {CrewStatusText.Of(entry.Status)}.", View(crew), Next(entry, CrewActor.Crew));
        if (entry.Accepted)
            return CrewResult.Conflict($"Crew {crew.CrewId} already accepted incident {job}.", View(crew), Next(entry, CrewActor.Crew));

        var told = await GrainFactory.GetGrain<IIncidentGrain>(job).RecordCrew(Step(CrewStepKind.Accept, crew), actor);
        if (!told.Succeeded) return CrewResult.FromIncident(told, View(crew));
        entry.Accepted = true;
        return await Changed(crew, entry, entry.Status, CrewActor.Crew, actor, job);
    }

    public async Task<CrewResult> Move(string crewId, CrewStatus next, string? reason, Actor actor)
    {
        if (Find(crewId) is not { } crew) return NoCrew(crewId);
        var entry = Entry(crew);
        if (CrewActors.Of(actor, crew, entry.Status, next) is not { } who) return NotYours(crew);
        if (next == CrewStatus.Assigned)
            return CrewResult.Invalid("status", "A crew is given a job by assigning it to an incident, not by setting its status.", View(crew));
        var text = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        if (text is null && CrewStatusRules.NeedsReason(entry.Status, next))
            return CrewResult.Invalid("reason", $"{CrewStatusText.Of(entry.Status)} → {CrewStatusText.Of(next)} needs a reason.", View(crew));
        if (text?.Length > CrewStatusRules.MaxReasonLength)
            return CrewResult.Invalid("reason", $"A reason is at most {CrewStatusRules.MaxReasonLength} characters.", View(crew));
        var decision = CrewStatusRules.Decide(entry.Status, next, who, text);
        if (!decision.Allowed) return CrewResult.Conflict($"Crew {crew.CrewId}: {decision.Refusal}.", View(crew), decision.AllowedNext);

        var job = entry.Job;
        if (job is not null)
        {
            var step = next switch
            {
                CrewStatus.EnRoute => Step(CrewStepKind.EnRoute, crew),
                CrewStatus.OnScene => Step(CrewStepKind.Arrive, crew),
                _ => Step(CrewStepKind.Release, crew, text ?? JobDone),
            };
            var told = await GrainFactory.GetGrain<IIncidentGrain>(job).RecordCrew(step, actor);
            // A crew leaving a job the incident has already let go of (resolved, sent elsewhere) is simply free.
            var alreadyLetGo = step.Kind == CrewStepKind.Release && told.Kind is CommandResultKind.Conflict or CommandResultKind.NotFound;
            if (!told.Succeeded && !alreadyLetGo) return CrewResult.FromIncident(told, View(crew));
        }
        if (next is CrewStatus.Available or CrewStatus.OutOfService)
        {
            entry.Job = null;
            entry.Accepted = false;
            entry.Reason = text;
        }
        else if (next == CrewStatus.EnRoute) entry.Accepted = true;
        return await Changed(crew, entry, next, who, actor, job);
    }

    public async Task<CrewResult> Resolve(string crewId, Resolve command, Actor actor)
    {
        if (Find(crewId) is not { } crew) return NoCrew(crewId);
        var entry = Entry(crew);
        if (!CrewActors.IsMember(actor, crew)) return CrewResult.Forbidden($"Only a member of crew {crew.CrewId} resolves its job from the crew page.");
        if (entry is not { Status: CrewStatus.OnScene, Job: { } job })
            return CrewResult.Conflict($"Crew {crew.CrewId} is {CrewStatusText.Of(entry.Status)}: a crew resolves its job once on scene.", View(crew), Next(entry, CrewActor.Crew));

        var told = await GrainFactory.GetGrain<IIncidentGrain>(job).Execute(command, actor);
        if (!told.Succeeded) return CrewResult.FromIncident(told, View(crew));
        entry.Job = null;
        entry.Accepted = false;
        entry.Reason = null;
        return await Changed(crew, entry, CrewStatus.Available, CrewActor.Crew, actor, job);
    }

    public async Task<CrewResult> ReportPosition(string crewId, double lat, double lon, Instant at, Actor actor)
    {
        if (Find(crewId) is not { } crew) return NoCrew(crewId);
        if (!CrewActors.IsMember(actor, crew)) return CrewResult.Forbidden($"Only a member of crew {crew.CrewId} reports where it is.");
        var check = PositionRules.Check(lat, lon, at, Now, Reference.ProvinceArea, dispatch.Value);
        if (!check.Accepted) return CrewResult.Invalid(check.Field!, check.Message!);
        var entry = Entry(crew);
        // Phones resend after a weak signal: an older fix than the one held changes nothing.
        if (entry.PositionAt is { } held && at <= held) return CrewResult.Done(View(crew), Next(entry, CrewActor.Crew));
        entry.Position = check.Point;
        entry.PositionAt = at;
        entry.Version++;
        board.State.Crews[crew.CrewId] = entry;
        positionsUnwritten = true;
        positionWrite ??= this.RegisterGrainTimer(WritePositions, new GrainTimerCreationOptions(PositionWriteEvery, PositionWriteEvery) { Interleave = false });
        var view = View(crew);
        await Publish(new LiveUpdate(null, Crew: view));
        return CrewResult.Done(view, Next(entry, CrewActor.Crew));
    }

    /// <summary>
    /// One of this agency's incidents changed. Besides publishing it: a crew whose job no longer has it (resolved at
    /// the console, sent to another agency, returned to triage) is free again.
    /// </summary>
    protected override async Task Tracked(IncidentSummary summary)
    {
        await base.Tracked(summary);
        foreach (var crew in Crews)
        {
            if (!board.State.Crews.TryGetValue(crew.CrewId, out var entry) || entry.Job != summary.IncidentId) continue;
            if (summary.Seq <= entry.JobSeq || summary.Crew?.Crew == crew.CrewId) continue;
            entry.Job = null;
            entry.Accepted = false;
            entry.Reason = $"incident {summary.IncidentId} is {ReadModelNames.Of(summary.Status)}{(summary.Agency == Code ? "" : $", now with {summary.Agency ?? "triage"}")}";
            var next = entry.Status == CrewStatus.OutOfService ? CrewStatus.OutOfService : CrewStatus.Available;
            await Changed(crew, entry, next, null, Actor.System, summary.IncidentId);
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (positionsUnwritten) await WritePositions();
        await base.OnDeactivateAsync(reason, cancellationToken);
    }

    private async Task WritePositions()
    {
        if (!positionsUnwritten) return;
        positionsUnwritten = false;
        try
        {
            await board.WriteStateAsync();
        }
        catch (Exception e)
        {
            positionsUnwritten = true;
            Logger.LogWarning(e, "Agency {Agency}: crew positions not written; trying again in {Interval}", Code, PositionWriteEvery);
        }
    }

    private async Task<CrewResult> Changed(Crew crew, CrewEntry entry, CrewStatus status, CrewActor? who, Actor actor, string? incidentId)
    {
        var from = entry.Status;
        if (status != from)
        {
            entry.Status = status;
            entry.StatusSince = Now;
        }
        entry.Version++;
        board.State.Crews[crew.CrewId] = entry;
        try
        {
            await board.WriteStateAsync();
        }
        catch
        {
            // The incident already has the step; a fresh activation reads the board as stored, and the incident's
            // next summary (or the dispatcher) puts it right.
            this.DeactivateOnIdle();
            throw;
        }
        positionsUnwritten = false;
        Logger.LogInformation("Agency {Agency}: crew {CrewId} {From} → {To} (incident {IncidentId}) by {ActorRole} {ActorId}",
            Code, crew.CrewId, CrewStatusText.Of(from), CrewStatusText.Of(status), incidentId, actor.Role, actor.Id);
        var view = View(crew);
        await Publish(new LiveUpdate(null, Crew: view));
        return CrewResult.Done(view, who is { } w ? Next(entry, w) : [], incidentId);
    }

    private Crew? Find(string crewId) => Crews.FirstOrDefault(c => c.CrewId == crewId);

    private CrewEntry Entry(Crew crew) => board.State.Crews.TryGetValue(crew.CrewId, out var entry)
        ? entry
        : new CrewEntry { Status = CrewStatus.Available, StatusSince = Now };

    private CrewView View(Crew crew)
    {
        var entry = Entry(crew);
        return new CrewView
        {
            CrewId = crew.CrewId, Agency = crew.Agency, Name = crew.Name, Kind = crew.Kind, Home = crew.Home, Members = crew.Members,
            Shift = DutyText.Format(crew.Shift), Status = entry.Status, StatusSince = entry.StatusSince, Job = entry.Job,
            Accepted = entry.Accepted, Position = entry.Position, PositionAt = entry.PositionAt, Reason = entry.Reason, Version = entry.Version,
        };
    }

    private static IReadOnlyList<CrewStatus> Next(CrewEntry entry, CrewActor who) => CrewStatusRules.NextFor(entry.Status, who);

    private CrewStep Step(CrewStepKind kind, Crew crew, string? reason = null) => new(kind, Code, crew.CrewId, crew.Name, reason);

    private CrewResult NoCrew(string crewId) => CrewResult.NotFound($"Agency {Code} has no crew {crewId}.");

    private static CrewResult NotYours(Crew crew) => CrewResult.Forbidden($"Crew {crew.CrewId} belongs to agency {crew.Agency}.");
}
