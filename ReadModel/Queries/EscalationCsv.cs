using BacGiang.Incidents.Reference;

namespace BacGiang.Incidents.ReadModel;

/// <summary>The escalation audit as a spreadsheet: Vietnamese headers and names, times in Vietnam's local time.</summary>
public static class EscalationCsv
{
    private static readonly string[] Header =
    [
        "Mã sự cố", "Loại", "Tên loại", "Mức ưu tiên", "Mã xã", "Tên xã", "Mã cơ quan", "Tên cơ quan",
        "Thang", "Vòng", "Cấp", "Lần nhắc", "Người nhận", "Hạn SLA", "Đến hạn", "Kích hoạt lúc", "Trễ (giây)",
        "Xử lý lúc", "Xử lý sau (giây)",
    ];

    public static async Task Write(TextWriter writer, IAsyncEnumerable<EscalationRecordView> rows, ReferenceData reference, CancellationToken ct)
    {
        await writer.WriteLineAsync(CsvText.Line(Header));
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(CsvText.Line(
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
                CsvText.Number(r.Round),
                CsvText.Number(r.Level),
                CsvText.Number(r.Repeat),
                string.Join(" ", r.Targets),
                CsvText.Time(r.SlaDeadline),
                CsvText.Time(r.DueAt),
                CsvText.Time(r.FiredAt),
                CsvText.Seconds(r.LatenessMs),
                r.AcknowledgedAt is { } at ? CsvText.Time(at) : "",
                r.AckAfterMs is { } after ? CsvText.Seconds(after) : "",
            ]));
        }
    }
}
