using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Sla;

/// <summary>Reads calendars.csv, holidays.csv, escalation-ladders.csv and sla-policies.csv; any flaw names file and line.</summary>
public static class SlaCatalogLoader
{
    private static readonly PeriodPattern DurationText = PeriodPattern.NormalizingIso;
    private static readonly LocalTimePattern TimeText = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    public static SlaCatalog Load(string dir, IReadOnlyCollection<string> categories)
    {
        var (holidays, workdays) = LoadHolidays(dir);
        var calendars = LoadCalendars(dir, holidays, workdays);
        var ladders = LoadLadders(dir);
        var version = $"sla-{Checksum(dir)}";
        var policies = LoadPolicies(dir, version, categories, calendars, ladders);
        return new SlaCatalog(version, calendars, policies, HolidayCoverage.Of(holidays));
    }

    private static (List<LocalDate> Holidays, List<LocalDate> Workdays) LoadHolidays(string dir)
    {
        var csv = CsvFile.Read(Path.Combine(dir, "holidays.csv"), "holidays.csv", "date", "kind", "name_vi", "name_en", "source");
        var holidays = new List<LocalDate>();
        var workdays = new List<LocalDate>();
        var seen = new HashSet<LocalDate>();
        foreach (var row in csv.Rows)
        {
            var parsed = LocalDatePattern.Iso.Parse(row["date"]);
            if (!parsed.Success) throw new ReferenceDataException(csv.Path, row.Line, $"'{row["date"]}' is not a yyyy-MM-dd date");
            if (!seen.Add(parsed.Value)) throw new ReferenceDataException(csv.Path, row.Line, $"{row["date"]} is listed twice");
            var weekend = parsed.Value.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;
            switch (row["kind"])
            {
                case "holiday" when weekend:
                    throw new ReferenceDataException(csv.Path, row.Line, $"{row["date"]} is a {parsed.Value.DayOfWeek}; list the weekday it is compensated on instead");
                case "holiday": holidays.Add(parsed.Value); break;
                case "workday" when !weekend:
                    throw new ReferenceDataException(csv.Path, row.Line, $"{row["date"]} is a {parsed.Value.DayOfWeek}, already a working day");
                case "workday": workdays.Add(parsed.Value); break;
                default: throw new ReferenceDataException(csv.Path, row.Line, $"kind '{row["kind"]}' is not holiday or workday");
            }
        }
        return (holidays, workdays);
    }

    private static Dictionary<string, BusinessCalendar> LoadCalendars(string dir, List<LocalDate> holidays, List<LocalDate> workdays)
    {
        var csv = CsvFile.Read(Path.Combine(dir, "calendars.csv"), "calendars.csv", "calendar", "kind", "zone", "weekdays", "windows");
        var calendars = new Dictionary<string, BusinessCalendar>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var name = row["calendar"];
            var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(row["zone"])
                ?? throw new ReferenceDataException(csv.Path, row.Line, $"unknown time zone '{row["zone"]}'");
            BusinessCalendar calendar = row["kind"] switch
            {
                "always" => new AlwaysOpenCalendar(name),
                "business" => Business(csv, row, name, zone, holidays, workdays),
                var other => throw new ReferenceDataException(csv.Path, row.Line, $"kind '{other}' is not always or business"),
            };
            if (!calendars.TryAdd(name, calendar)) throw new ReferenceDataException(csv.Path, row.Line, $"calendar '{name}' is defined twice");
        }
        return calendars;
    }

    private static OfficeHoursCalendar Business(CsvFile csv, CsvFile.Row row, string name, DateTimeZone zone, List<LocalDate> holidays, List<LocalDate> workdays)
    {
        var days = row["weekdays"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(d => DayNames.TryParse(d, out var day) ? day
            : throw new ReferenceDataException(csv.Path, row.Line, $"'{d}' is not a weekday (Mon … Sun)")).ToList();
        var windows = row["windows"].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w =>
        {
            var parts = w.Split('-');
            var start = parts.Length == 2 ? TimeText.Parse(parts[0]) : null;
            var end = parts.Length == 2 ? TimeText.Parse(parts[1]) : null;
            if (start is not { Success: true } || end is not { Success: true })
                throw new ReferenceDataException(csv.Path, row.Line, $"window '{w}' is not HH:mm-HH:mm");
            return (start.Value, end.Value);
        }).ToList();
        try
        {
            return new OfficeHoursCalendar(name, zone, days, windows, holidays, workdays);
        }
        catch (ArgumentException e)
        {
            throw new ReferenceDataException(csv.Path, row.Line, e.Message);
        }
    }

    private static Dictionary<string, List<LadderLevel>> LoadLadders(string dir)
    {
        var csv = CsvFile.Read(Path.Combine(dir, "escalation-ladders.csv"), "escalation-ladders.csv",
            "ladder", "level", "after", "targets", "repeat_count", "repeat_every");
        var ladders = new Dictionary<string, List<LadderLevel>>(StringComparer.Ordinal);
        foreach (var row in csv.Rows)
        {
            var levels = ladders.TryGetValue(row["ladder"], out var l) ? l : ladders[row["ladder"]] = [];
            if (!int.TryParse(row["level"], out var level) || level != levels.Count + 1)
                throw new ReferenceDataException(csv.Path, row.Line, $"level must be {levels.Count + 1} (levels count up from 1 without gaps)");
            var after = Span(csv, row, "after");
            if (levels.Count > 0 && after < levels[^1].After)
                throw new ReferenceDataException(csv.Path, row.Line, $"level {level} fires before level {level - 1}");
            var targets = row["targets"].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (targets.Length == 0) throw new ReferenceDataException(csv.Path, row.Line, "a level needs at least one target");
            foreach (var t in targets.Where(t => !People.EscalationTargets.All.Contains(t)))
                throw new ReferenceDataException(csv.Path, row.Line, $"unknown target '{t}' (known: {string.Join(", ", People.EscalationTargets.All)})");
            var repeat = row.Optional("repeat_count") is { } r ? int.TryParse(r, out var n) && n >= 0 ? n
                : throw new ReferenceDataException(csv.Path, row.Line, "repeat_count must be a whole number ≥ 0") : 0;
            var every = repeat > 0 ? Span(csv, row, "repeat_every") : Duration.Zero;
            if (repeat > 0 && every <= Duration.Zero) throw new ReferenceDataException(csv.Path, row.Line, "repeat_every must be positive");
            levels.Add(new LadderLevel { Level = level, After = after, Targets = targets, RepeatCount = repeat, RepeatEvery = every });
        }
        return ladders;
    }

    private static Dictionary<(string, Priority), SlaPolicy> LoadPolicies(
        string dir, string version, IReadOnlyCollection<string> categories,
        Dictionary<string, BusinessCalendar> calendars, Dictionary<string, List<LadderLevel>> ladders)
    {
        var csv = CsvFile.Read(Path.Combine(dir, "sla-policies.csv"), "sla-policies.csv",
            "category", "priority", "calendar", "acknowledge", "resolve", "ack_ladder", "resolve_ladder", "pause_while_waiting");
        var policies = new Dictionary<(string, Priority), SlaPolicy>();
        foreach (var row in csv.Rows)
        {
            var category = row["category"];
            if (category != SlaCatalog.AnyCategory && !categories.Contains(category))
                throw new ReferenceDataException(csv.Path, row.Line, $"unknown category '{category}'");
            if (!Enum.TryParse<Priority>(row["priority"], out var priority) || !Enum.IsDefined(priority))
                throw new ReferenceDataException(csv.Path, row.Line, $"priority '{row["priority"]}' is not one of P1, P2, P3, P4");
            if (!calendars.ContainsKey(row["calendar"]))
                throw new ReferenceDataException(csv.Path, row.Line, $"unknown calendar '{row["calendar"]}' (not in calendars.csv)");
            List<LadderLevel> Ladder(string column) => ladders.TryGetValue(row[column], out var l) ? l
                : throw new ReferenceDataException(csv.Path, row.Line, $"unknown ladder '{row[column]}' (not in escalation-ladders.csv)");
            var policy = new SlaPolicy
            {
                Version = version,
                Category = category,
                Priority = priority,
                Calendar = row["calendar"],
                Acknowledge = Span(csv, row, "acknowledge"),
                Resolve = Span(csv, row, "resolve"),
                AckLadder = Ladder("ack_ladder"),
                ResolveLadder = Ladder("resolve_ladder"),
                PauseWhileWaiting = row["pause_while_waiting"] switch
                {
                    "true" => true, "false" => false,
                    var other => throw new ReferenceDataException(csv.Path, row.Line, $"pause_while_waiting '{other}' is not true or false"),
                },
            };
            if (policy.Acknowledge <= Duration.Zero || policy.Resolve < policy.Acknowledge)
                throw new ReferenceDataException(csv.Path, row.Line, "acknowledge must be positive and no longer than resolve");
            if (!policies.TryAdd((category, priority), policy))
                throw new ReferenceDataException(csv.Path, row.Line, $"a policy for {category}/{priority} is already defined");
        }
        foreach (var priority in Enum.GetValues<Priority>().Where(p => !policies.ContainsKey((SlaCatalog.AnyCategory, p))))
            throw new ReferenceDataException(csv.Path, 0, $"no default policy (category *) for {priority}");
        return policies;
    }

    private static Duration Span(CsvFile csv, CsvFile.Row row, string column)
    {
        var parsed = DurationText.Parse(row[column]);
        if (!parsed.Success || parsed.Value.HasDateComponent && (parsed.Value.Months != 0 || parsed.Value.Years != 0))
            throw new ReferenceDataException(csv.Path, row.Line, $"'{column}' value '{row[column]}' is not an ISO-8601 duration like PT15M or PT4H");
        var duration = parsed.Value.ToDuration();
        return duration >= Duration.Zero ? duration : throw new ReferenceDataException(csv.Path, row.Line, $"'{column}' must not be negative");
    }

    private static string Checksum(string dir)
    {
        var bytes = new[] { "sla-policies.csv", "escalation-ladders.csv", "calendars.csv", "holidays.csv" }
            .SelectMany(f => File.ReadAllBytes(Path.Combine(dir, f))).ToArray();
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(bytes))[..8].ToLowerInvariant();
    }
}
