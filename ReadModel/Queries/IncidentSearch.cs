using System.Buffers.Text;
using System.Globalization;
using System.Text;
using BacGiang.Incidents.Domain;
using NodaTime;
using Npgsql;

namespace BacGiang.Incidents.ReadModel;

public sealed record IncidentFilter
{
    public IReadOnlyList<IncidentStatus> Statuses { get; init; } = [];
    public string? Commune { get; init; }
    public string? Agency { get; init; }
    public string? Category { get; init; }
    public IReadOnlyList<Priority> Priorities { get; init; } = [];
    /// <summary>True: only incidents escalated at least once in their current clocks; false: only those never escalated.</summary>
    public bool? Escalated { get; init; }
    public Instant? From { get; init; }
    public Instant? To { get; init; }
    /// <summary>Words that must all occur in the description, address or tracking code (case and tone marks ignored).</summary>
    public string? Text { get; init; }
    public int Limit { get; init; } = 50;
    public string? Cursor { get; init; }
}

public sealed record IncidentPage(IReadOnlyList<IncidentSummary> Items, string? NextCursor);

/// <summary>
/// The filtered incident list: newest first, paged by a cursor on (reported_at, incident_id) so a page is one
/// index range scan however deep the caller pages, and incidents filed meanwhile never shift a page.
/// </summary>
public sealed class IncidentSearch(NpgsqlDataSource database, IClock clock)
{
    public async Task<IncidentPage> Find(IncidentFilter filter, CancellationToken ct)
    {
        var where = new List<string>();
        await using var command = database.CreateCommand();
        var p = command.Parameters;
        p.AddWithValue(""); // $1: unused, keeps $2 = now as IncidentSummaryRows.Columns expects
        p.AddWithValue(clock.GetCurrentInstant().ToDateTimeUtc());

        string Param(object value) => p.Placeholder(value);

        if (filter.Statuses.Count > 0) where.Add($"status = ANY({Param(filter.Statuses.Select(s => ReadModelNames.Of(s)).ToArray())})");
        if (filter.Commune is { } commune) where.Add($"commune = {Param(commune)}");
        if (filter.Agency is { } agency) where.Add($"agency = {Param(agency)}");
        if (filter.Category is { } category) where.Add($"category = {Param(category)}");
        if (filter.Priorities.Count > 0) where.Add($"priority = ANY({Param(filter.Priorities.Select(x => x.ToString()).ToArray())})");
        if (filter.Escalated is { } escalated) where.Add(escalated ? "escalation_level > 0" : "escalation_level = 0");
        if (filter.From is { } from) where.Add($"reported_at >= {Param(from.ToDateTimeUtc())}");
        if (filter.To is { } to) where.Add($"reported_at < {Param(to.ToDateTimeUtc())}");
        // Every word must occur, in any order: "rac duong 291" finds "Rác ... Đường tỉnh 291".
        foreach (var word in SearchText.Fold(filter.Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            where.Add($"search_text LIKE {Param("%" + Escape(word) + "%")}");
        if (filter.Cursor is { } cursor && Decode(cursor) is var (at, id))
            where.Add($"(reported_at, incident_id) < ({Param(at.ToDateTimeUtc())}, {Param(id)})");

        command.CommandText = $"""
            SELECT {IncidentSummaryRows.Columns}
              FROM incidents
             {(where.Count > 0 ? "WHERE " + string.Join(" AND ", where) : "")}
             ORDER BY reported_at DESC, incident_id DESC
             LIMIT {filter.Limit + 1}
            """;
        var items = new List<IncidentSummary>(filter.Limit + 1);
        await using (var reader = await command.ExecuteReaderAsync(ct))
            while (await reader.ReadAsync(ct)) items.Add(IncidentSummaryRows.Read(reader));

        if (items.Count <= filter.Limit) return new IncidentPage(items, null);
        items.RemoveAt(items.Count - 1);
        return new IncidentPage(items, Encode(items[^1].ReportedAt, items[^1].IncidentId));
    }

    public static bool IsCursor(string cursor) => Decode(cursor) is not null;

    private static string Encode(Instant at, string id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{at.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture)}|{id}"));

    private static (Instant At, string Id)? Decode(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            var bar = text.IndexOf('|');
            if (bar <= 0 || !long.TryParse(text.AsSpan(0, bar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)) return null;
            return (Instant.FromUnixTimeTicks(ticks), text[(bar + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string Escape(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
