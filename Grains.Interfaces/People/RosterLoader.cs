using BacGiang.Incidents.Reference;
using NodaTime;

namespace BacGiang.Incidents.People;

/// <summary>
/// Reads data/people/roster.csv, the made-up sample rosters a fresh deployment starts from. Every person passes
/// <see cref="RosterRules"/>, the same rules the admin API applies, so the file cannot hold what the API would refuse.
/// </summary>
public static class RosterLoader
{
    public const string FileName = "people/roster.csv";

    // Rosters are people of today's units: a commune in force on any day of the two-tier structure qualifies.
    private static readonly LocalDate TwoTierSince = new(2025, 7, 1);

    public static IReadOnlyDictionary<UnitRef, UnitRoster> Load(
        string dataDir, IEnumerable<AdministrativeUnit> units, IReadOnlySet<string> agencies, IReadOnlySet<string> departments)
    {
        var csv = CsvFile.Read(Path.Combine(dataDir, "people", "roster.csv"), FileName,
            "unit_kind", "unit", "staff_id", "name", "role", "duty", "zalo_user_id", "phone", "email", "department", "sample");
        var communes = units
            .Where(u => u.Level == UnitLevel.Commune && (u.ValidTo is null || u.ValidTo >= TwoTierSince))
            .Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var rosters = new Dictionary<UnitRef, UnitRoster>();
        var lineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            ReferenceDataException Bad(string message) => new(csv.Path, row.Line, message);

            if (row["sample"] != "sample")
                throw Bad($"sample is '{row["sample"]}'; these rosters are made-up people and every row must say 'sample'");
            if (!UnitRef.TryParseKind(row["unit_kind"], out var kind))
                throw Bad($"unit_kind '{row["unit_kind"]}' is not commune, agency or province");
            var code = row["unit"];
            var known = kind switch
            {
                UnitKind.Commune => communes.Contains(code),
                UnitKind.Agency => agencies.Contains(code),
                _ => code == UnitRef.ProvinceCode,
            };
            if (!known)
                throw Bad(kind switch
                {
                    UnitKind.Commune => $"commune '{code}' is not a commune in force since {TwoTierSince.Iso()} (units/)",
                    UnitKind.Agency => $"agency '{code}' is not in agencies.csv",
                    _ => $"the province's unit is '{UnitRef.ProvinceCode}', not '{code}'",
                });
            if (!DutyText.TryParse(row["duty"], out var duty))
                throw Bad($"duty '{row["duty"]}' is not empty, office, always or off-hours: followed by days Mon … Sun");

            var person = new StaffMember
            {
                StaffId = row["staff_id"], Name = row["name"], Role = row["role"], Duty = duty,
                ZaloUserId = row.Optional("zalo_user_id"), Phone = row.Optional("phone"),
                Email = row.Optional("email"), Department = row.Optional("department"),
            };
            // Staff ids are sign-in subjects, so they are unique across units, not only within one.
            if (lineOf.TryGetValue(person.StaffId, out var first))
                throw Bad($"staff_id {person.StaffId} is already used on line {first}");

            var unit = new UnitRef(kind, code);
            var roster = rosters.GetValueOrDefault(unit) ?? new UnitRoster { Unit = unit };
            var errors = RosterRules.CheckAdd(roster, person, departments);
            if (errors.Count > 0)
                throw Bad(string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join("; ", e.Value)}")));
            var normalised = RosterRules.Normalise(kind, person, departments).Person!;
            rosters[unit] = roster with { People = [.. roster.People, normalised] };
            lineOf[normalised.StaffId] = row.Line;
        }

        if (rosters.GetValueOrDefault(UnitRef.Province)?.People.Any(p => p.Role == StaffRoles.Supervisor) != true)
            throw new ReferenceDataException(csv.Path, 0, "the province has no supervisor: escalations that nobody else holds would reach nobody");
        return rosters;
    }
}
