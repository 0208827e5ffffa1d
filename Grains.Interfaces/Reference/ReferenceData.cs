using BacGiang.Incidents.Domain;
using BacGiang.Incidents.People;
using NodaTime;

namespace BacGiang.Incidents.Reference;

/// <summary>
/// The validated contents of <c>data/</c>: units with their validity, categories, agencies and their departments,
/// the province's area, and the sample rosters and crews a deployment starts from.
/// </summary>
public sealed class ReferenceData
{
    public static readonly DateTimeZone Zone = DateTimeZoneProviders.Tzdb["Asia/Ho_Chi_Minh"];

    private readonly ILookup<string, AdministrativeUnit> unitsByCode;

    public ReferenceData(
        IEnumerable<AdministrativeUnit> units,
        IEnumerable<Category> categories,
        IEnumerable<Agency> agencies,
        IEnumerable<BoundingBox> provinceArea,
        IEnumerable<CommuneBoundary> boundaries,
        Sla.SlaCatalog sla,
        IEnumerable<Camera> cameras,
        IEnumerable<AlertType> alertTypes,
        IEnumerable<Department> departments,
        IReadOnlyDictionary<UnitRef, UnitRoster> sampleRosters,
        IReadOnlyList<FieldDispatch.Crew> sampleCrews)
    {
        SampleCrews = sampleCrews;
        Departments = departments.ToDictionary(d => d.Code, StringComparer.Ordinal);
        SampleRosters = sampleRosters;
        Cameras = cameras.ToDictionary(c => c.Id, StringComparer.Ordinal);
        AlertTypes = alertTypes.ToDictionary(t => t.Code, StringComparer.Ordinal);
        Sla = sla;
        Units = units.ToList();
        unitsByCode = Units.ToLookup(u => u.Code, StringComparer.Ordinal);
        Categories = categories.ToDictionary(c => c.Code, StringComparer.Ordinal);
        Agencies = agencies.ToDictionary(a => a.Code, StringComparer.Ordinal);
        ProvinceArea = provinceArea.ToList();
        Boundaries = boundaries.ToList();
    }

    public IReadOnlyList<AdministrativeUnit> Units { get; }
    public IReadOnlyDictionary<string, Category> Categories { get; }
    public IReadOnlyDictionary<string, Agency> Agencies { get; }
    public IReadOnlyList<BoundingBox> ProvinceArea { get; }
    public IReadOnlyList<CommuneBoundary> Boundaries { get; }
    public Sla.SlaCatalog Sla { get; }

    /// <summary>The calendar duty rotas follow: who is on office duty, and when a P3/P4 notice may go out.</summary>
    public const string DutyCalendar = "office-hours";

    /// <summary>Who is on duty when, by <see cref="DutyCalendar"/>; built on first use, as data without that calendar has no rota.</summary>
    public People.DutyRota DutyRota => dutyRota ??= new People.DutyRota(
        Sla.Calendar(DutyCalendar) as Sla.OfficeHoursCalendar
        ?? throw new InvalidOperationException($"Calendar {DutyCalendar} must be an office-hours calendar: duty rotas follow it."));

    private People.DutyRota? dutyRota;
    /// <summary>The IOC camera registry and what each alert type becomes.</summary>
    public IReadOnlyDictionary<string, Camera> Cameras { get; }
    public IReadOnlyDictionary<string, AlertType> AlertTypes { get; }
    public IReadOnlyDictionary<string, Department> Departments { get; }
    /// <summary>Made-up people (data/people/roster.csv) to seed a deployment's rosters; the stored rosters are the truth after that.</summary>
    public IReadOnlyDictionary<UnitRef, UnitRoster> SampleRosters { get; }
    /// <summary>Made-up crews (data/crews.csv) for field dispatch; checked at start though nothing dispatches them yet.</summary>
    public IReadOnlyList<FieldDispatch.Crew> SampleCrews { get; }

    public static LocalDate DateOf(Instant instant) => instant.InZone(Zone).Date;

    /// <summary>The unit that bore <paramref name="code"/> on <paramref name="date"/>, if any.</summary>
    public AdministrativeUnit? UnitInForce(string code, LocalDate date) =>
        unitsByCode[code].FirstOrDefault(u => u.InForceOn(date));

    /// <summary>Every unit that ever bore the code, oldest first: old records keep resolving after a reform.</summary>
    public IEnumerable<AdministrativeUnit> History(string code) =>
        unitsByCode[code].OrderBy(u => u.ValidFrom ?? LocalDate.MinIsoValue);

    public IEnumerable<AdministrativeUnit> CommunesInForce(LocalDate date) =>
        Units.Where(u => u.Level == UnitLevel.Commune && u.InForceOn(date));

    public bool InProvince(GeoPoint p) => ProvinceArea.Any(b => b.Contains(p));
}
