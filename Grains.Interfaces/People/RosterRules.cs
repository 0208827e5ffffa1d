using BacGiang.Incidents.Reference;
using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>
/// What a roster may hold. The admin API and the sample-roster loader both ask here, so a person the API would refuse
/// can never arrive through the data files either. Errors are keyed by the API's field names.
/// </summary>
public static class RosterRules
{
    public const int MaxNameLength = 120;
    public const int MaxOverrideDays = 366;

    public static (StaffMember? Person, IReadOnlyDictionary<string, string[]> Errors) Normalise(
        UnitKind kind, StaffMember person, IReadOnlySet<string> departments)
    {
        var errors = new Errors();
        var staffId = person.StaffId?.Trim() ?? "";
        if (!IsStaffId(staffId))
            errors.Add("staffId", "a staff id is 2–64 characters: ASCII letters, digits, '-', '_' and '.'");

        var name = Clean(person.Name);
        if (name is null) errors.Add("name", "a name is required");
        else if (name.Length > MaxNameLength) errors.Add("name", $"a name is at most {MaxNameLength} characters");

        var role = person.Role?.Trim() ?? "";
        if (!StaffRoles.IsKnown(kind, role))
            errors.Add("role", $"'{role}' is not a role of a {UnitRef.Name(kind)}; allowed: {string.Join(", ", StaffRoles.Of(kind))}");

        var duty = CheckDuty(person.Duty ?? DutyPattern.None, errors);

        var zalo = Clean(person.ZaloUserId);
        if (zalo is not null && !(zalo.Length is >= 5 and <= 30 && zalo.All(char.IsAsciiDigit)))
            errors.Add("zaloUserId", "a Zalo user id is 5–30 digits");

        var phone = Clean(person.Phone);
        if (phone is not null)
        {
            if (PhoneNumber.TryNormalise(phone, out var mobile)) phone = mobile;
            else errors.Add("phone", $"'{phone}' is not a Vietnamese mobile number (0, 84 or +84 and nine digits starting 3, 5, 7, 8 or 9)");
        }

        var email = Clean(person.Email);
        if (email is not null && !IsPlausibleEmail(email)) errors.Add("email", $"'{email}' is not an e-mail address");

        var department = Clean(person.Department);
        if (role == StaffRoles.DepartmentDirector)
        {
            if (department is null) errors.Add("department", "a department director needs the department they head");
            else if (!departments.Contains(department))
                errors.Add("department", $"unknown department '{department}'; known: {string.Join(", ", departments.Order(StringComparer.Ordinal))}");
        }
        else if (department is not null) errors.Add("department", "only a department director has a department");

        if (errors.Any) return (null, errors.ToDictionary());
        return (new StaffMember
        {
            StaffId = staffId, Name = name!, Role = role, Duty = duty,
            ZaloUserId = zalo, Phone = phone, Email = email, Department = department,
        }, Errors.None);
    }

    public static IReadOnlyDictionary<string, string[]> CheckAdd(UnitRoster roster, StaffMember person, IReadOnlySet<string> departments)
    {
        var errors = new Errors(Normalise(roster.Unit.Kind, person, departments).Errors);
        var staffId = person.StaffId?.Trim() ?? "";
        if (roster.Find(staffId) is { } existing) errors.Add("staffId", $"{staffId} is already on this roster ({existing.Name})");
        return errors.ToDictionary();
    }

    public static IReadOnlyDictionary<string, string[]> CheckReplace(UnitRoster roster, StaffMember person, IReadOnlySet<string> departments)
    {
        var (normalised, found) = Normalise(roster.Unit.Kind, person, departments);
        var errors = new Errors(found);
        var staffId = person.StaffId?.Trim() ?? "";
        if (roster.Find(staffId) is null) errors.Add("staffId", NotOnRoster(staffId));
        // Demoting the last supervisor would leave the province's escalations with nobody at the end of the chain.
        else if (normalised is not null && normalised.Role != StaffRoles.Supervisor && IsLastSupervisor(roster, staffId))
            errors.Add("role", $"{staffId} is the province's last supervisor; add another supervisor first");
        return errors.ToDictionary();
    }

    public static IReadOnlyDictionary<string, string[]> CheckRemove(UnitRoster roster, string staffId)
    {
        var errors = new Errors();
        if (roster.Find(staffId) is null)
        {
            errors.Add("staffId", NotOnRoster(staffId));
            return errors.ToDictionary();
        }
        foreach (var o in roster.Overrides.Where(o => o.SubstituteId == staffId))
            errors.Add("staffId", $"{staffId} stands in for {NameOf(roster, o.StaffId)} in override {o.Id} ({o.DateRange}); change that override first");
        if (IsLastSupervisor(roster, staffId))
            errors.Add("staffId", $"{staffId} is the province's last supervisor; add another supervisor first");
        return errors.ToDictionary();
    }

    public static IReadOnlyDictionary<string, string[]> CheckOverride(UnitRoster roster, DutyOverride o)
    {
        var errors = new Errors();
        if (roster.Find(o.StaffId) is null) errors.Add("staffId", NotOnRoster(o.StaffId));

        var datesValid = false;
        var days = Period.DaysBetween(o.From, o.To) + 1;
        if (o.To < o.From) errors.Add("to", $"ends ({o.To.Iso()}) before it starts ({o.From.Iso()})");
        else if (days > MaxOverrideDays) errors.Add("to", $"an override covers at most {MaxOverrideDays} days; this one covers {days}");
        else datesValid = true;

        var substitute = string.IsNullOrWhiteSpace(o.SubstituteId) ? null : o.SubstituteId;
        if (substitute == o.StaffId) errors.Add("substituteId", "nobody can stand in for themselves");
        else if (substitute is not null && roster.Find(substitute) is null) errors.Add("substituteId", NotOnRoster(substitute));
        if (!datesValid) return errors.ToDictionary();

        // An override edited in place is compared with the others, not with its own earlier version.
        var meanwhile = roster.Overrides.Where(x => x.Id != o.Id && x.From <= o.To && o.From <= x.To).ToList();
        foreach (var clash in meanwhile.Where(x => x.StaffId == o.StaffId))
            errors.Add("from", $"overlaps override {clash.Id} ({clash.DateRange}) of the same person");
        // Leave while standing in for someone would leave that person's duty with nobody.
        foreach (var standIn in meanwhile.Where(x => x.SubstituteId == o.StaffId))
            errors.Add("from", $"{NameOf(roster, o.StaffId)} stands in for {NameOf(roster, standIn.StaffId)} then (override {standIn.Id}, {standIn.DateRange})");
        if (substitute is not null && substitute != o.StaffId)
            foreach (var away in meanwhile.Where(x => x.StaffId == substitute))
                errors.Add("substituteId", $"{NameOf(roster, substitute)} is away themselves then (override {away.Id}, {away.DateRange})");
        return errors.ToDictionary();
    }

    private static DutyPattern CheckDuty(DutyPattern duty, Errors errors)
    {
        if (!Enum.IsDefined(duty.Kind)) errors.Add("duty", $"unknown duty kind {(int)duty.Kind}");
        var days = (duty.Days ?? []).Distinct().Order().ToList();
        if (days.Any(d => d is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)) errors.Add("duty", "days are Monday … Sunday");
        if (duty.Kind == DutyKind.OffHours && days.Count == 0) errors.Add("duty", "off-hours duty needs at least one day");
        if (duty.Kind != DutyKind.OffHours && days.Count > 0) errors.Add("duty", "only off-hours duty has days");
        return duty with { Days = days };
    }

    private static bool IsStaffId(string id) =>
        id.Length is >= 2 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    // Plausible, not RFC 5322: the mail relay is the judge of deliverability; this catches typing slips.
    private static bool IsPlausibleEmail(string email)
    {
        var at = email.IndexOf('@');
        if (at is <= 0 or > 64 || at != email.LastIndexOf('@') || email.Length > 254 || email.Any(char.IsWhiteSpace)) return false;
        var labels = email[(at + 1)..].Split('.');
        return labels.Length >= 2 && labels.All(l => l.Length > 0);
    }

    private static bool IsLastSupervisor(UnitRoster roster, string staffId) =>
        roster.Unit.Kind == UnitKind.Province
        && roster.Find(staffId)?.Role == StaffRoles.Supervisor
        && roster.People.Count(p => p.Role == StaffRoles.Supervisor) == 1;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static string NotOnRoster(string staffId) => $"no one with staff id {staffId} on this roster";

    private static string NameOf(UnitRoster roster, string staffId) => roster.Find(staffId)?.Name ?? staffId;

    private sealed class Errors
    {
        public static readonly IReadOnlyDictionary<string, string[]> None = new Dictionary<string, string[]>();

        private readonly Dictionary<string, List<string>> byField = new(StringComparer.Ordinal);

        public Errors() { }

        public Errors(IReadOnlyDictionary<string, string[]> found)
        {
            foreach (var (field, messages) in found) byField[field] = [.. messages];
        }

        public bool Any => byField.Count > 0;

        public void Add(string field, string message)
        {
            if (!byField.TryGetValue(field, out var list)) byField[field] = list = [];
            list.Add(message);
        }

        public IReadOnlyDictionary<string, string[]> ToDictionary() => byField.ToDictionary(p => p.Key, p => p.Value.ToArray());
    }
}
