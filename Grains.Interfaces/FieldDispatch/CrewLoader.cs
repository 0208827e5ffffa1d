using System.Globalization;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;
using BacGiang.Incidents.Reference;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>
/// Reads data/crews.csv, the made-up sample crews a fresh deployment starts from. A bad row stops start-up with the
/// file, the line and the field named, as the roster loader does.
/// </summary>
public static class CrewLoader
{
    public const string FileName = "crews.csv";

    public static IReadOnlyList<Crew> Load(
        string dataDir, IReadOnlySet<string> agencies, IReadOnlyDictionary<UnitRef, UnitRoster> rosters, IReadOnlyList<BoundingBox> area)
    {
        var csv = CsvFile.Read(Path.Combine(dataDir, FileName), FileName,
            "agency", "crew_id", "name", "kind", "home_lat", "home_lon", "members", "shift", "sample");
        var crews = new List<Crew>();
        var lineOfCrew = new Dictionary<string, int>(StringComparer.Ordinal);
        var crewOfMember = new Dictionary<string, (string Crew, int Line)>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            ReferenceDataException Bad(string field, string message) => new(csv.Path, row.Line, $"{field}: {message}");

            if (row["sample"] != "sample")
                throw Bad("sample", $"'{row["sample"]}'; these crews are made up and every row must say 'sample'");
            var agency = row["agency"];
            if (!agencies.Contains(agency)) throw Bad("agency", $"'{agency}' is not in agencies.csv");

            var id = row["crew_id"];
            if (!(id.Length is >= 2 and <= 64 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')))
                throw Bad("crew_id", $"'{id}' is not 2–64 characters of ASCII letters, digits, '-', '_' and '.'");
            // Crew ids name crews in the API (/api/crews/{crewId}) without their agency, so they are unique across agencies.
            if (lineOfCrew.TryGetValue(id, out var first)) throw Bad("crew_id", $"{id} is already used on line {first}");

            var name = row["name"];
            if (name.Length == 0) throw Bad("name", "a crew needs a name");
            if (!CrewKinds.IsKnown(row["kind"]))
                throw Bad("kind", $"'{row["kind"]}' is not one of {string.Join(", ", CrewKinds.All)}");

            var lat = Coordinate(row["home_lat"], "home_lat", -90, 90, Bad);
            var lon = Coordinate(row["home_lon"], "home_lon", -180, 180, Bad);
            var home = new GeoPoint(lat, lon);
            if (!area.Any(b => b.Contains(home)))
                throw Bad(area.Any(b => lat >= b.MinLat && lat <= b.MaxLat) ? "home_lon" : "home_lat", $"{lat}, {lon} is outside the province (province-bbox.csv)");

            var members = row["members"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (members.Length == 0) throw Bad("members", "a crew needs at least one member");
            var roster = rosters.GetValueOrDefault(UnitRef.Agency(agency));
            foreach (var member in members)
            {
                if (roster?.Find(member) is null)
                {
                    var elsewhere = rosters.Values.FirstOrDefault(r => r.Find(member) is not null);
                    throw Bad("members", elsewhere is null
                        ? $"{member} is on no roster (people/roster.csv)"
                        : $"{member} is on the roster of {UnitRef.Name(elsewhere.Unit.Kind)} {elsewhere.Unit.Code}, not of agency {agency}");
                }
                // One person rides one crew; otherwise a crew could be suggested while its people are at another job.
                if (crewOfMember.TryGetValue(member, out var other))
                    throw Bad("members", other.Crew == id ? $"{member} is listed twice" : $"{member} already rides {other.Crew} (line {other.Line})");
                crewOfMember[member] = (id, row.Line);
            }

            if (!DutyText.TryParse(row["shift"], out var shift) || shift.Kind == DutyKind.None
                || (shift.Kind == DutyKind.OffHours && shift.Days is not { Count: > 0 }))
                throw Bad("shift", $"'{row["shift"]}' is not office, always or off-hours: followed by days Mon … Sun");

            crews.Add(new Crew(agency, id, name, row["kind"], home, members, shift));
            lineOfCrew[id] = row.Line;
        }
        return crews;
    }

    private static double Coordinate(string text, string field, double min, double max, Func<string, string, ReferenceDataException> bad)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value) || value < min || value > max)
            throw bad(field, $"'{text}' is not a number between {min} and {max}");
        return value;
    }
}
