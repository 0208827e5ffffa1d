using System.Globalization;
using System.Text.Json;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Reference;

/// <summary>
/// Loads and checks <c>data/</c>. Anything wrong stops start-up with a <see cref="ReferenceDataException"/>
/// naming the file and line, because routing on half-loaded data would silently misdirect incidents.
/// </summary>
public static class ReferenceDataLoader
{
    private static readonly LocalDatePattern DatePattern = LocalDatePattern.Iso;

    public static ReferenceData Load(string directory)
    {
        if (!Directory.Exists(directory))
            throw new ReferenceDataException(directory, 0, "reference data directory not found");

        var departments = LoadDepartments(directory);
        var agencies = LoadAgencies(directory, departments);
        var categories = LoadCategories(directory, agencies);
        var units = LoadUnits(directory);
        var area = LoadProvinceArea(directory);
        var boundaries = LoadBoundaries(directory, units);
        var sla = Sla.SlaCatalogLoader.Load(directory, categories.Select(c => c.Code).ToList());
        var cameras = LoadCameras(directory, units);
        var alertTypes = LoadAlertTypes(directory, categories);
        var rosters = RosterLoader.Load(directory, units, agencies.Keys.ToHashSet(StringComparer.Ordinal), departments.Keys.ToHashSet(StringComparer.Ordinal));
        var crews = FieldDispatch.CrewLoader.Load(directory, agencies.Keys.ToHashSet(StringComparer.Ordinal), rosters, area);
        return new ReferenceData(units, categories, agencies.Values, area, boundaries, sla, cameras, alertTypes, departments.Values, rosters, crews);
    }

    private static Dictionary<string, Department> LoadDepartments(string dir)
    {
        var csv = Read(dir, "departments.csv", "code", "name_vi", "name_en");
        var departments = new Dictionary<string, Department>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var code = Code(csv, row, "code");
            if (!departments.TryAdd(code, new Department(code, Required(csv, row, "name_vi"), Required(csv, row, "name_en"))))
                throw new ReferenceDataException(csv.Path, row.Line, $"duplicate department code '{code}'");
        }
        return departments;
    }

    private static Dictionary<string, Agency> LoadAgencies(string dir, Dictionary<string, Department> departments)
    {
        var csv = Read(dir, "agencies.csv", "code", "name_vi", "name_en", "department");
        var agencies = new Dictionary<string, Agency>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var code = Code(csv, row, "code");
            var department = Required(csv, row, "department");
            if (!departments.ContainsKey(department))
                throw new ReferenceDataException(csv.Path, row.Line, $"unknown department '{department}' (not in departments.csv)");
            if (!agencies.TryAdd(code, new Agency(code, Required(csv, row, "name_vi"), Required(csv, row, "name_en"), department)))
                throw new ReferenceDataException(csv.Path, row.Line, $"duplicate agency code '{code}'");
        }
        return agencies;
    }

    private static List<Category> LoadCategories(string dir, Dictionary<string, Agency> agencies)
    {
        var csv = Read(dir, "categories.csv", "code", "name_vi", "name_en", "agency", "priority");
        var categories = new List<Category>();
        foreach (var row in csv.Rows)
        {
            var code = Code(csv, row, "code");
            if (categories.Any(c => c.Code == code))
                throw new ReferenceDataException(csv.Path, row.Line, $"duplicate category code '{code}'");
            var agency = row["agency"];
            if (!agencies.ContainsKey(agency))
                throw new ReferenceDataException(csv.Path, row.Line, $"unknown agency '{agency}' (not in agencies.csv)");
            if (!Enum.TryParse<Priority>(row["priority"], ignoreCase: false, out var priority) || !Enum.IsDefined(priority))
                throw new ReferenceDataException(csv.Path, row.Line, $"priority '{row["priority"]}' is not one of P1, P2, P3, P4");
            categories.Add(new Category(code, Required(csv, row, "name_vi"), Required(csv, row, "name_en"), agency, priority));
        }
        return categories;
    }

    private static List<AdministrativeUnit> LoadUnits(string dir)
    {
        var unitsDir = Path.Combine(dir, "units");
        var files = Directory.Exists(unitsDir) ? Directory.GetFiles(unitsDir, "*.csv").Order(StringComparer.Ordinal).ToList() : [];
        if (files.Count == 0) throw new ReferenceDataException("units/", 0, "no unit files (units/*.csv)");

        var units = new List<AdministrativeUnit>();
        var rowsOf = new Dictionary<AdministrativeUnit, (string File, int Line)>();
        foreach (var file in files)
        {
            var csv = CsvFile.Read(file, $"units/{Path.GetFileName(file)}", "code", "name", "level", "parent_code", "valid_from", "valid_to", "source");
            foreach (var row in csv.Rows)
            {
                var level = row["level"] switch
                {
                    "province" => UnitLevel.Province,
                    "district" => UnitLevel.District,
                    "commune" => UnitLevel.Commune,
                    var other => throw new ReferenceDataException(csv.Path, row.Line, $"level '{other}' is not province, district or commune"),
                };
                var from = Date(csv, row, "valid_from");
                var to = Date(csv, row, "valid_to");
                if (from is not null && to is not null && to < from)
                    throw new ReferenceDataException(csv.Path, row.Line, $"valid_to {to.Value.Iso()} is before valid_from {from.Value.Iso()}");
                var unit = new AdministrativeUnit(Code(csv, row, "code"), Required(csv, row, "name"), level,
                    row.Optional("parent_code"), from, to, Required(csv, row, "source"));
                var clash = units.FirstOrDefault(u => u.Code == unit.Code && Overlap(u, unit));
                if (clash is not null)
                    throw new ReferenceDataException(csv.Path, row.Line,
                        $"code {unit.Code} is already in force for '{clash.Name}' ({rowsOf[clash].File} line {rowsOf[clash].Line}) over the same dates");
                units.Add(unit);
                rowsOf[unit] = (csv.Path, row.Line);
            }
        }

        // A parent must have been in force when the child began, or history would not resolve.
        foreach (var unit in units.Where(u => u.ParentCode is not null))
        {
            var parentInForce = units.Any(p => p.Code == unit.ParentCode && (unit.ValidFrom is not { } from || p.InForceOn(from)));
            if (!parentInForce)
            {
                var (file, line) = rowsOf[unit];
                throw new ReferenceDataException(file, line, $"parent unit {unit.ParentCode} of {unit.Code} is not in force when {unit.Code} begins");
            }
        }
        return units;
    }

    private static List<BoundingBox> LoadProvinceArea(string dir)
    {
        var csv = Read(dir, "province-bbox.csv", "min_lon", "min_lat", "max_lon", "max_lat");
        return csv.Rows.Select(row => new BoundingBox(
            Number(csv, row, "min_lon"), Number(csv, row, "min_lat"), Number(csv, row, "max_lon"), Number(csv, row, "max_lat"))).ToList();
    }

    private static List<CommuneBoundary> LoadBoundaries(string dir, List<AdministrativeUnit> units)
    {
        var boundariesDir = Path.Combine(dir, "boundaries");
        if (!Directory.Exists(boundariesDir)) return [];
        var result = new List<CommuneBoundary>();
        foreach (var file in Directory.GetFiles(boundariesDir, "*.geojson").Order(StringComparer.Ordinal))
        {
            var name = $"boundaries/{Path.GetFileName(file)}";
            try
            {
                using var doc = JsonDocument.Parse(File.ReadAllText(file));
                var index = 0;
                foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
                {
                    index++;
                    var code = feature.GetProperty("properties").GetProperty("code").GetString()
                        ?? throw new ReferenceDataException(name, 0, $"feature {index} has no properties.code");
                    if (!units.Any(u => u.Code == code && u.Level == UnitLevel.Commune))
                        throw new ReferenceDataException(name, 0, $"feature {index}: commune code {code} is not in units/");
                    result.Add(new CommuneBoundary(code, ReadPolygons(feature.GetProperty("geometry"))));
                }
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
            {
                throw new ReferenceDataException(name, 0, $"not a GeoJSON FeatureCollection of commune polygons: {e.Message}");
            }
        }
        return result;
    }

    private static List<IReadOnlyList<(double Lon, double Lat)[]>> ReadPolygons(JsonElement geometry)
    {
        static (double, double)[] Ring(JsonElement ring) =>
            ring.EnumerateArray().Select(pt => (pt[0].GetDouble(), pt[1].GetDouble())).ToArray();
        static IReadOnlyList<(double, double)[]> Polygon(JsonElement poly) => poly.EnumerateArray().Select(Ring).ToList();

        var coordinates = geometry.GetProperty("coordinates");
        return geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => [Polygon(coordinates)],
            "MultiPolygon" => coordinates.EnumerateArray().Select(Polygon).ToList(),
            var other => throw new InvalidOperationException($"geometry type {other} is not Polygon or MultiPolygon"),
        };
    }

    private static bool Overlap(AdministrativeUnit a, AdministrativeUnit b)
    {
        var aFrom = a.ValidFrom ?? LocalDate.MinIsoValue; var aTo = a.ValidTo ?? LocalDate.MaxIsoValue;
        var bFrom = b.ValidFrom ?? LocalDate.MinIsoValue; var bTo = b.ValidTo ?? LocalDate.MaxIsoValue;
        return aFrom <= bTo && bFrom <= aTo;
    }

    private static List<Camera> LoadCameras(string dir, List<AdministrativeUnit> units)
    {
        var csv = Read(dir, "cameras.csv", "camera_id", "name", "commune", "lat", "lon", "location_source");
        var communes = units.Where(u => u.Level == UnitLevel.Commune && u.ValidTo is null).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var cameras = new List<Camera>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var id = Code(csv, row, "camera_id");
            if (!ids.Add(id)) throw new ReferenceDataException(csv.Path, row.Line, $"duplicate camera '{id}'");
            var commune = Required(csv, row, "commune");
            if (!communes.Contains(commune))
                throw new ReferenceDataException(csv.Path, row.Line, $"commune '{commune}' is not a commune in force");
            if (!GeoPoint.TryCreate(Number(csv, row, "lat"), Number(csv, row, "lon"), out var location, out var why))
                throw new ReferenceDataException(csv.Path, row.Line, why!);
            cameras.Add(new Camera(id, Required(csv, row, "name"), commune, location, Required(csv, row, "location_source")));
        }
        return cameras;
    }

    private static List<AlertType> LoadAlertTypes(string dir, List<Category> categories)
    {
        var csv = Read(dir, "ioc-alert-types.csv", "alert_type", "category", "priority", "name_vi");
        var types = new List<AlertType>();
        foreach (var row in csv.Rows)
        {
            var code = Code(csv, row, "alert_type");
            if (types.Any(t => t.Code == code)) throw new ReferenceDataException(csv.Path, row.Line, $"duplicate alert type '{code}'");
            var category = row["category"];
            if (categories.All(c => c.Code != category))
                throw new ReferenceDataException(csv.Path, row.Line, $"unknown category '{category}' (not in categories.csv)");
            if (!Enum.TryParse<Priority>(row["priority"], ignoreCase: false, out var priority) || !Enum.IsDefined(priority))
                throw new ReferenceDataException(csv.Path, row.Line, $"priority '{row["priority"]}' is not one of P1, P2, P3, P4");
            types.Add(new AlertType(code, category, priority, Required(csv, row, "name_vi")));
        }
        return types;
    }

    private static CsvFile Read(string dir, string file, params string[] columns) => CsvFile.Read(Path.Combine(dir, file), file, columns);

    private static string Required(CsvFile csv, CsvFile.Row row, string column) =>
        row.Optional(column) ?? throw new ReferenceDataException(csv.Path, row.Line, $"'{column}' is empty");

    private static string Code(CsvFile csv, CsvFile.Row row, string column)
    {
        var code = Required(csv, row, column);
        if (code.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '_' or '-')))
            throw new ReferenceDataException(csv.Path, row.Line, $"code '{code}' may hold only ASCII letters, digits, '_' and '-'");
        return code;
    }

    private static LocalDate? Date(CsvFile csv, CsvFile.Row row, string column)
    {
        if (row.Optional(column) is not { } text) return null;
        var parsed = DatePattern.Parse(text);
        return parsed.Success ? parsed.Value : throw new ReferenceDataException(csv.Path, row.Line, $"'{column}' value '{text}' is not a yyyy-MM-dd date");
    }

    private static double Number(CsvFile csv, CsvFile.Row row, string column) =>
        double.TryParse(row[column], NumberStyles.Float, CultureInfo.InvariantCulture, out var v)
            ? v
            : throw new ReferenceDataException(csv.Path, row.Line, $"'{column}' value '{row[column]}' is not a number");
}
