namespace BacGiang.Incidents.ReadModel;

/// <summary>The notification audit as a spreadsheet: one row per step, person and channel.</summary>
public static class NotificationCsv
{
    private static readonly string[] Header =
    [
        "Mã sự cố", "Thang", "Vòng", "Cấp", "Lần nhắc", "Mức ưu tiên", "Mã xã", "Mã cơ quan", "Mã cán bộ", "Họ tên", "Đơn vị",
        "Vai trò cảnh báo", "Lý do chọn", "Kênh", "Trạng thái", "Số lần gửi", "Lỗi", "Kích hoạt lúc", "Gửi lúc", "Đến máy lúc",
        "Xác nhận lúc", "Người xác nhận", "Xác nhận qua", "Kích hoạt → gửi (giây)",
    ];

    public static async Task Write(TextWriter writer, IAsyncEnumerable<NotificationView> rows, CancellationToken ct)
    {
        await writer.WriteLineAsync(CsvText.Line(Header));
        await foreach (var r in rows.WithCancellation(ct))
        {
            await writer.WriteLineAsync(CsvText.Line(
            [
                r.IncidentId, r.Kind == Sla.EscalationKind.Ack ? "tiếp nhận" : "xử lý", CsvText.Number(r.Round), CsvText.Number(r.Level),
                CsvText.Number(r.Repeat), r.Priority, r.Commune ?? "", r.Agency ?? "", r.StaffId, r.StaffName, r.Unit, r.Target, r.Reason,
                r.Channel, r.State, CsvText.Number(r.Attempts), r.LastError ?? "", CsvText.Time(r.FiredAt), CsvText.Time(r.SentAt),
                CsvText.Time(r.DeliveredAt), CsvText.Time(r.AcknowledgedAt), r.AcknowledgedBy ?? "", r.AcknowledgedVia ?? "",
                r.FireToSentMs is { } ms ? CsvText.Seconds(ms) : "",
            ]));
        }
    }
}
