using System.Globalization;
using BacGiang.Incidents.Reference;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.ReadModel;

/// <summary>How every CSV export writes a field: local times, seconds, RFC 4180 quoting with formulas defused.</summary>
public static class CsvText
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd HH':'mm':'ss");

    public static string Time(Instant instant) => Local.Format(instant.InZone(ReferenceData.Zone).LocalDateTime);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Seconds(long ms) => (ms / 1000.0).ToString("0.000", CultureInfo.InvariantCulture);

    public static string Line(IEnumerable<string> fields) => string.Join(",", fields.Select(Quote));

    /// <summary>RFC 4180 quoting; a leading =, +, - or @ is defused so a spreadsheet never runs a cell as a formula.</summary>
    public static string Quote(string field)
    {
        if (field.Length > 0 && "=+-@".Contains(field[0]) && !double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            field = "'" + field;
        return field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"") + "\"" : field;
    }

    public static string Time(Instant? instant) => instant is { } at ? Time(at) : "";
}
