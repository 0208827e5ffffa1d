using System.Globalization;

namespace BacGiang.Incidents.ReadModel;

/// <summary>The SLA report as a spreadsheet, one line per group: Vietnamese headers, seconds, percentages as numbers.</summary>
public static class SlaCsv
{
    private static readonly string[] Header =
    [
        "Mã", "Tên", "Số sự cố", "Đã tiếp nhận", "Tiếp nhận: đã xác định", "Tiếp nhận đúng hạn", "Tiếp nhận đúng hạn (%)",
        "Đã xử lý", "Xử lý: khắc phục xong", "Xử lý: không khắc phục được", "Xử lý: không thuộc thẩm quyền (đã chuyển)",
        "Xử lý: đã xác định", "Khắc phục xong đúng hạn", "Khắc phục xong đúng hạn (%)",
        "Tiếp nhận trung vị (giây)", "Tiếp nhận p90 (giây)", "Xử lý trung vị (giây)", "Xử lý p90 (giây)",
        "Số lần leo thang", "Trễ leo thang trung bình (giây)",
        "Số đánh giá", "Số sao trung bình", "Đánh giá 4–5 sao", "Đánh giá 4–5 sao (%)",
        "Tổ đến hiện trường", "Thời gian đến trung vị (giây)", "Thời gian đến p90 (giây)",
    ];

    public static async Task Write(TextWriter writer, SlaReportResult report)
    {
        await writer.WriteLineAsync(CsvText.Line(Header));
        foreach (var r in report.Rows)
        {
            await writer.WriteLineAsync(CsvText.Line(
            [
                r.Key ?? "", r.Name ?? "",
                CsvText.Number(r.Incidents), CsvText.Number(r.Acknowledged), CsvText.Number(r.AckDecided), CsvText.Number(r.AcknowledgedWithinSla),
                Number(r.AcknowledgedWithinSlaPercent),
                CsvText.Number(r.Resolved), CsvText.Number(r.ResolvedByOutcome.Fixed), CsvText.Number(r.ResolvedByOutcome.NotFixed),
                CsvText.Number(r.ResolvedByOutcome.NotResponsible),
                CsvText.Number(r.ResolveDecided), CsvText.Number(r.ResolvedWithinSla), Number(r.ResolvedWithinSlaPercent),
                Number(r.TimeToAcknowledge.MedianWallSeconds), Number(r.TimeToAcknowledge.P90WallSeconds),
                Number(r.TimeToResolve.MedianWallSeconds), Number(r.TimeToResolve.P90WallSeconds),
                CsvText.Number(r.Escalations), Number(r.MeanEscalationLatenessMs / 1000.0),
                CsvText.Number(r.Satisfaction.Ratings), Number(r.Satisfaction.AverageStars), CsvText.Number(r.Satisfaction.Satisfied),
                Number(r.Satisfaction.SatisfiedPercent),
                CsvText.Number(r.CrewsArrived), Number(r.TimeToArrive.MedianSeconds), Number(r.TimeToArrive.P90Seconds),
            ]));
        }
    }

    private static string Number(double? value) => value is { } v ? v.ToString("0.###", CultureInfo.InvariantCulture) : "";
}
