using System.Globalization;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Reads query-string filters, collecting a message per bad field so one 400 can name them all. Periods take an
/// instant (2026-11-01T00:00:00Z) or a date, read in Vietnam's zone: "from" a date is its first moment, "to" a
/// date includes that whole day.
/// </summary>
public sealed class QueryParameters(IQueryCollection query)
{
    public Dictionary<string, string[]> Errors { get; } = new(StringComparer.Ordinal);

    public bool Valid => Errors.Count == 0;

    public string? Text(string name) => query[name].ToString() is { Length: > 0 } value ? value.Trim() : null;

    public IReadOnlyList<string> List(string name) =>
        query[name].SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();

    public IReadOnlyList<T> Names<T>(string name) where T : struct, Enum
    {
        var values = new List<T>();
        foreach (var item in List(name))
        {
            if (ReadModelNames.TryParse<T>(item, out var value)) values.Add(value);
            else Fail(name, $"'{item}' is not one of {string.Join(", ", Enum.GetValues<T>().Select(v => ReadModelNames.Of(v)))}");
        }
        return values;
    }

    public Instant? Time(string name, bool endOfDay)
    {
        if (Text(name) is not { } text) return null;
        if (InstantPattern.ExtendedIso.Parse(text) is { Success: true } instant)
            return PlausibleTime.Contains(instant.Value) ? instant.Value : Implausible(name);
        if (LocalDatePattern.Iso.Parse(text) is { Success: true } date)
            return PlausibleTime.Contains(date.Value)
                ? (endOfDay ? date.Value.PlusDays(1) : date.Value).AtStartOfDayInZone(ReferenceData.Zone).ToInstant()
                : Implausible(name);
        Fail(name, "must be an instant like 2026-11-01T00:00:00Z or a date like 2026-11-01");
        return null;
    }

    private Instant? Implausible(string name)
    {
        Fail(name, PlausibleTime.Rule);
        return null;
    }

    public int Int(string name, int fallback, int min, int max)
    {
        if (Text(name) is not { } text) return fallback;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        Fail(name, $"must be a whole number from {min} to {max}");
        return fallback;
    }

    public bool? Bool(string name)
    {
        if (Text(name) is not { } text) return null;
        if (bool.TryParse(text, out var value)) return value;
        Fail(name, "must be true or false");
        return null;
    }

    public string? OneOf(string name, params string[] allowed)
    {
        if (Text(name) is not { } text) return null;
        if (allowed.Contains(text, StringComparer.Ordinal)) return text;
        Fail(name, $"must be one of {string.Join(", ", allowed)}");
        return null;
    }

    public void CheckPeriod(Instant? from, Instant? to)
    {
        if (from is { } f && to is { } t && t <= f) Fail("to", "must be after from");
    }

    public void Fail(string name, string message) =>
        Errors[name] = Errors.TryGetValue(name, out var already) ? [.. already, message] : [message];
}

/// <summary>What part of the province the caller may see: officers their commune, agency staff their agency.</summary>
public static class Scope
{
    /// <summary>A commune's inbox and live stream: its own officers and the province's staff.</summary>
    public static bool MayFollowCommune(Actor actor, string commune) =>
        actor.IsProvinceWide || (actor.Role == ActorRole.CommuneOfficer && actor.Commune == commune);

    /// <summary>An agency's queue: its own staff and the province's staff.</summary>
    public static bool MayFollowAgency(Actor actor, string agency) =>
        actor.IsProvinceWide || (actor.Role == ActorRole.AgencyStaff && actor.Agency == agency);

    /// <summary>Fills the caller's own commune or agency in, or says why the filter asked for is not theirs.</summary>
    public static string? Narrow(Actor actor, ref string? commune, ref string? agency)
    {
        switch (actor.Role)
        {
            case ActorRole.CommuneOfficer when commune is not null && commune != actor.Commune:
                return $"Officers of commune {actor.Commune} see only their commune's figures.";
            case ActorRole.CommuneOfficer:
                commune = actor.Commune;
                return null;
            case ActorRole.AgencyStaff when agency is not null && agency != actor.Agency:
                return $"Staff of agency {actor.Agency} see only their agency's figures.";
            case ActorRole.AgencyStaff:
                agency = actor.Agency;
                return null;
            default:
                return actor.IsProvinceWide ? null : "Not allowed.";
        }
    }
}
