using System.Globalization;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.ReadModel;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Api.ReadModel;

/// <summary>The escalation audit as a spreadsheet: Vietnamese headers and names, times in Vietnam's local time.</summary>
public static class EscalationCsv
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss");

    private static readonly string[] Header =
    [
        "Mã sự cố", "Loại", "Tên loại", "Mức ưu tiên", "Mã xã", "Tên xã", "Mã cơ quan", "Tên cơ quan",
        "Thang", "Vòng", "Cấp", "Lần nhắc", "Người nhận", "Hạn SLA", "Đến hạn", "Kích hoạt lúc", "Trễ (giây)",
        "Xử lý lúc", "Xử lý sau (giây)",
    ];

    public static async Task Write(TextWriter writer, IAsyncEnumerable<EscalationRecordView> rows, ReferenceData reference, CancellationToken ct)
    {
        await writer.WriteLineAsync(Line(Header));
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(Line(
            [
                r.IncidentId,
                r.Category,
                reference.Categories.TryGetValue(r.Category, out var category) ? category.NameVi : "",
                r.Priority,
                r.Commune ?? "",
                r.Commune is { } commune ? Names.Commune(reference, commune) ?? "" : "",
                r.Agency ?? "",
                r.Agency is { } code && reference.Agencies.TryGetValue(code, out var agency) ? agency.NameVi : "",
                r.Kind == Sla.EscalationKind.Ack ? "tiếp nhận" : "xử lý",
                Number(r.Round),
                Number(r.Level),
                Number(r.Repeat),
                string.Join(" ", r.Targets),
                Time(r.SlaDeadline),
                Time(r.DueAt),
                Time(r.FiredAt),
                Seconds(r.LatenessMs),
                r.AcknowledgedAt is { } at ? Time(at) : "",
                r.AckAfterMs is { } after ? Seconds(after) : "",
            ]));
        }
    }

    private static string Time(Instant instant) => Local.Format(instant.InZone(ReferenceData.Zone).LocalDateTime);

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(long ms) => (ms / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    private static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote));

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs a cell as a formula.</summary>
    private static string Quote(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0]) && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            field = "'" + field;
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }
}
