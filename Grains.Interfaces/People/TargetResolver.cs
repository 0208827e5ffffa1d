using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>
/// Turns one ladder target into named people at the instant an escalation fired, climbing the hierarchy
/// (<see cref="EscalationTargets.Fallback"/>) while nobody answers, and recording each rung that was empty.
/// </summary>
public sealed class TargetResolver(DutyRota rota)
{
    public const string Nobody = "nobody";

    public TargetResolution Resolve(string target, Priority priority, Instant at, IncidentUnits units)
    {
        // Life and safety reach whoever is on duty now; a nuisance found outside office time waits for the office
        // to open and goes to the people on duty then, rather than waking the night rota.
        var notBefore = priority is Priority.P1 or Priority.P2 ? at : rota.NextOfficeStart(at);
        var recipients = new List<Recipient>();
        var gaps = new List<TargetGap>();

        void Tell(IEnumerable<OnDuty> people, UnitRef unit, string foundAs, Func<string, string> reason)
        {
            // Holders lists a person once, and the climb stops at the first rung with anyone, so nobody is told twice.
            foreach (var one in people)
                recipients.Add(new Recipient { Person = one.Person, Unit = unit, Target = foundAs, Reason = reason(one.Reason), NotBefore = notBefore });
        }

        for (var current = target; ;)
        {
            var (kind, role, onDutyOnly) = EscalationTargets.Of(current);
            var roster = kind switch { UnitKind.Commune => units.Commune, UnitKind.Agency => units.Agency, _ => units.Province };
            var holds = Holds(role, units.Department);
            var found = roster is null ? [] : rota.Holders(roster, holds, notBefore, onDutyOnly);
            if (found.Count > 0)
            {
                Tell(found, roster!.Unit, current, why => current == target ? why : $"fallback for {target}: {why}");
                break;
            }

            var gap = roster is null ? $"the incident has no {UnitRef.Name(kind)}" : WhyNobody(roster, role, holds, notBefore, onDutyOnly, units.Department);
            if (EscalationTargets.Fallback(current) is { } next)
            {
                gaps.Add(new TargetGap { Target = current, Unit = roster?.Unit, Reason = gap, FellBackTo = next });
                current = next;
                continue;
            }

            // The top of the ladder is empty too: an escalation told to nobody is lost, so every supervisor hears of it.
            var supervisors = rota.Holders(units.Province, StaffRoles.Supervisor, notBefore, onDutyOnly: false);
            gaps.Add(new TargetGap
            {
                Target = current, Unit = roster?.Unit, Reason = gap,
                FellBackTo = supervisors.Count > 0 ? EscalationTargets.ProvincialSupervisor : Nobody,
            });
            Tell(supervisors, units.Province.Unit, EscalationTargets.ProvincialSupervisor,
                why => $"fallback for {target}: end of the chain, every supervisor regardless of duty ({why})");
            break;
        }
        return new TargetResolution { Recipients = recipients, Gaps = gaps };
    }

    /// <summary>Who holds the role; for department directors, only the director of the incident's own department.</summary>
    private static Func<StaffMember, bool> Holds(string role, string? department) =>
        role == StaffRoles.DepartmentDirector ? p => p.Role == role && p.Department == department : p => p.Role == role;

    private string WhyNobody(UnitRoster roster, string role, Func<StaffMember, bool> holds, Instant at, bool onDutyOnly, string? department)
    {
        var director = role == StaffRoles.DepartmentDirector;
        if (director && department is null) return "the incident has no department (no agency)";
        if (!roster.People.Any(holds)) return director ? $"nobody directs the department {department}" : $"nobody holds the role {role}";
        return onDutyOnly && rota.Holders(roster, holds, at, onDutyOnly: false).Count > 0
            ? $"no {role} on duty then"
            : $"every {role} is away with no substitute";
    }
}
