using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace BacGiang.Incidents.Grains.People;

/// <summary>
/// A commune, an agency or the province as an actor: its roster (seeded from the sample data until edited), every
/// edit as an event, and live counters of its open incidents. The rules are in <see cref="RosterRules"/>; this
/// class stores, orders and answers.
/// </summary>
public abstract class StaffedUnitGrain(
    IPersistentState<StaffedUnitState> state,
    ReferenceData reference,
    IOpenIncidentSource incidents,
    IClock clock,
    ILogger logger) : StringKeyedGrain, IStaffedUnitGrain
{
    private UnitTally? tally;

    protected abstract UnitKind Kind { get; }

    protected Instant Now => clock.GetCurrentInstant();

    protected ILogger Logger => logger;

    protected ReferenceData Reference => reference;

    protected string Code => Key;

    private UnitRef Unit => new(Kind, Code);

    private UnitRoster Roster => state.State.Roster
        ?? (reference.SampleRosters.TryGetValue(Unit, out var sample) ? sample : new UnitRoster { Unit = Unit });

    private IReadOnlySet<string> Departments => departments ??= reference.Departments.Keys.ToHashSet(StringComparer.Ordinal);

    private IReadOnlySet<string>? departments;

    public Task<UnitRoster> GetRoster() => Task.FromResult(Roster);

    public Task<IReadOnlyList<RosterChanged>> GetChanges() => Task.FromResult<IReadOnlyList<RosterChanged>>(state.State.Changes);

    public async Task<RosterResult> Change(RosterCommand command, Actor actor)
    {
        var roster = Roster;
        var (errors, next, type) = command switch
        {
            AddPerson c => Person(RosterRules.CheckAdd(roster, c.Person, Departments), c.Person, p => roster with { People = [.. roster.People, p] }, "person-added"),
            ReplacePerson c => Person(RosterRules.CheckReplace(roster, c.Person, Departments), c.Person,
                p => roster with { People = roster.People.Select(x => x.StaffId == p.StaffId ? p : x).ToList() }, "person-replaced"),
            RemovePerson c => (RosterRules.CheckRemove(roster, c.StaffId),
                roster with { People = roster.People.Where(x => x.StaffId != c.StaffId).ToList() }, "person-removed"),
            AddOverride c => (RosterRules.CheckOverride(roster, c.Override), roster with { Overrides = [.. roster.Overrides, c.Override] }, "override-added"),
            RemoveOverride c => roster.Overrides.Any(o => o.Id == c.OverrideId)
                ? (NoErrors, roster with { Overrides = roster.Overrides.Where(o => o.Id != c.OverrideId).ToList() }, "override-removed")
                : (Error("overrideId", $"No override {c.OverrideId} in {Unit}."), roster, ""),
            _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown roster command."),
        };
        if (errors.Count > 0) return new RosterResult { Errors = errors };

        var change = new RosterChanged { Seq = state.State.Changes.Count + 1, At = clock.GetCurrentInstant(), Actor = actor, Change = Normalised(command), Type = type };
        var before = (state.State.Roster, state.State.Changes.Count);
        state.State.Roster = next;
        state.State.Changes.Add(change);
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // Nothing stored means nothing changed, here too.
            state.State.Roster = before.Roster;
            state.State.Changes.RemoveRange(before.Count, state.State.Changes.Count - before.Count);
            throw;
        }
        logger.LogInformation("Roster of {Unit}: {ChangeType} by {ActorRole} {ActorId} (change {Seq})", Unit, type, actor.Role, actor.Id, change.Seq);
        return new RosterResult { Roster = next, Change = change };

        (IReadOnlyDictionary<string, string[]>, UnitRoster, string) Person(
            IReadOnlyDictionary<string, string[]> checks, StaffMember person, Func<StaffMember, UnitRoster> apply, string kind)
        {
            if (checks.Count > 0) return (checks, roster, kind);
            var (normalised, problems) = RosterRules.Normalise(Kind, person, Departments);
            return normalised is null ? (problems, roster, kind) : (NoErrors, apply(normalised), kind);
        }

        RosterCommand Normalised(RosterCommand c) => c switch
        {
            AddPerson a => new AddPerson(next.Find(a.Person.StaffId)!),
            ReplacePerson r => new ReplacePerson(next.Find(r.Person.StaffId)!),
            _ => c,
        };
    }

    public async Task Track(IncidentSummary summary)
    {
        try
        {
            if ((await Tally()).Apply(summary)) await Tracked(summary);
        }
        catch (Exception e)
        {
            // The counters are a convenience; the read model has the truth and the next activation reloads from it.
            logger.LogWarning(e, "Counters of {Unit}: summary of {IncidentId} not applied", Unit, summary.IncidentId);
        }
    }

    /// <summary>A newer summary of one of this unit's incidents arrived; what else the unit does with it.</summary>
    protected virtual Task Tracked(IncidentSummary summary) => Task.CompletedTask;

    public async Task<UnitCounters> GetCounters() => (await Tally()).Counters(clock.GetCurrentInstant());

    private async Task<UnitTally> Tally()
    {
        if (tally is not null) return tally;
        var loaded = new UnitTally(Unit);
        foreach (var summary in await incidents.Open(Unit)) loaded.Apply(summary);
        return tally ??= loaded;
    }

    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private static IReadOnlyDictionary<string, string[]> Error(string field, string message) => new Dictionary<string, string[]> { [field] = [message] };
}
