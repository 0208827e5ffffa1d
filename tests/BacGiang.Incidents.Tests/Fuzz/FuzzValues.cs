using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace BacGiang.Incidents.Tests.Fuzz;

/// <summary>
/// Generators of the values that go into parameters and fields: ones the API knows (so requests get past the first
/// check and reach deeper code), boundaries (numbers at and past every limit, dates far outside 2000–2100, empty,
/// very long), and arbitrary text (FsCheck's strings, Vietnamese, emoji, controls, invalid UTF-8 once percent-encoded).
/// </summary>
public static class FuzzValues
{
    public static readonly string[] Integers =
    [
        "0", "1", "-1", "2", "10", "11", "20", "21", "199", "200", "201", "500", "10000", "10001", "1000000", "1000001",
        "2147483647", "2147483648", "-2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
        "-9223372036854775808", "99999999999999999999999999", "-0", "+1", " 1", "1 ", "01", "0x10", "1e3", "1.5", "1,000", "١٢", "NaN",
    ];

    public static readonly string[] Numbers =
    [
        "0", "-0", "0.0", "21.3", "106.6", "90", "-90", "90.0000001", "180", "-180", "180.0000001", "1e308", "-1e308", "1.7976931348623157e308",
        "5e-324", "1e-400", "1e400", "-1e400", "NaN", "Infinity", "-Infinity", "0.5", "1", "1.0000001", "-0.0000001", "123456789012345678901234567890",
    ];

    public static readonly string[] Dates =
    [
        "2026-11-01", "2026-11-01T00:00:00Z", "2026-11-01T00:00:00+07:00", "2026-11-01T08:15:00.123456789Z", "1999-12-31", "2000-01-01",
        "2099-12-31", "2100-01-01", "1999-12-31T23:59:59Z", "2100-01-01T00:00:00Z", "0001-01-01", "0001-01-01T00:00:00Z", "9999-12-31",
        "9999-12-31T23:59:59.9999999Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00", "-0001-01-01", "+275760-09-13T00:00:00Z",
        "2026-02-30", "2026-13-01", "2026-00-10", "2026-11-01T24:00:00Z", "2026-11-01T25:61:61Z", "2026-11-01T00:00:00+25:00",
        "2026-11-01T00:00:00", "2026-11-01 00:00:00Z", "1970-01-01T00:00:00Z", "20261101", "2026-W44", "01/11/2026", "now", "0", "-1",
        "1793865600", "1793865600000", "9223372036854775807",
    ];

    /// <summary>Text that means something somewhere: Vietnamese, escapes, separators, markup, SQL and path tricks.</summary>
    public static readonly string[] Tricky =
    [
        "", " ", "  \t ", "null", "undefined", "true", "false", "[]", "{}", "\"", "'", "\\", "/", "..", "../../etc/passwd", "%", "%00", "%2F",
        "?", "#", "&", "=", ";", ",", ",,,", ":", "::::", "a:b:c:d:e", "*", "' OR '1'='1", "'; DROP TABLE incidents; --", "<script>alert(1)</script>",
        "Xã Đại Sơn", "Rác thải đổ trộm ven đường", "Nguyễn Văn A", "Ưởng Ộ ỹ", "😀🔥🚒", "👨‍👩‍👧‍👦", "\u200b\u200d\ufeff", "\u202eevil", "ﷺ",
        "\u0000", "a\u0000b", "\u0001\u0002\u007f", "\r\n", "\n", "\u2028", "ǅ", "İ", "ß", "ｆｕｌｌｗｉｄｔｈ", "𝕏", "\ud800", "a\udc00b",
        "BG-", "BG-0000-0000", "bg-zyjy-j7jv", "BGZYJYJ7JV", "BG-IIII-OOOO", "BG-7K3M-Q9TX:ack:0:1:0", "x:ack:0:1:0", "x:resolve:2147483647:2147483647:2147483647",
        "x:ack:-1:0:-1", "BG-7K3M-Q9TX:ack:0:99999999999:0", "commune", "agency", "province", "Commune", "COMMUNE", "07627", "7627", "007627", "07201", "213",
        "urenco", "URENCO", "fire", "FIRE", "garbage_dumping", "Admin", "admin", "P1", "P5", "p1", "open", "closed", "open,closed", "csv", "json",
        "fixed", "not_fixed", "not_responsible", "Fixed", "2", "office", "always", "off-hours:", "off-hours:Mon Xyz", "off-hours:Mon Mon",
        "http://", "https://example.org/a.jpg", "file:///etc/passwd", "javascript:alert(1)", "https://" + new string('a', 1500) + ".org",
        "+84912345678", "0912 345 678", "0000000000", "+8400000000000000000",
    ];

    /// <summary>Arbitrary text: FsCheck's strings (any char, controls and lone surrogates included), and the tricky ones.</summary>
    public static Gen<string> Text { get; } = Gen.Frequency(
        (4, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
        (4, Gen.Elements(Tricky)),
        (1, Gen.Elements(Integers)),
        (1, Gen.Elements(Dates)),
        (1, Long()));

    /// <summary>
    /// Long text, whose percent-encoded form still fits in a request line: Kestrel answers a request line over 8 KiB
    /// itself (414, no body), before the application sees it.
    /// </summary>
    public static Gen<string> Long() =>
        Gen.Choose(200, 2500).SelectMany(n => Gen.Elements("a", "é", "Đ", "😀", "%", " ", "0").Select(s => Repeat(s, n)));

    /// <summary>A long string of one character repeated, whose percent-encoded form is at most about 2,400 characters.</summary>
    public static string Repeat(string unit, int count)
    {
        var encodedLength = Math.Max(1, Encoding.UTF8.GetByteCount(unit) * (unit.All(char.IsAsciiLetterOrDigit) ? 1 : 3));
        var n = Math.Min(count, 2400 / encodedLength);
        return string.Concat(Enumerable.Repeat(unit, Math.Max(1, n)));
    }

    /// <summary>Some of the values the API knows for a parameter or field of this name, or arbitrary ones.</summary>
    public static Gen<string> For(string name, FuzzSeeds seeds)
    {
        var known = Known(name.ToLowerInvariant(), seeds);
        return known.Length == 0 ? Text : Gen.Frequency((3, Gen.Elements(known)), (2, Text));
    }

    private static string[] Known(string name, FuzzSeeds seeds) => name switch
    {
        "id" or "trackingcode" or "into" or "incident" or "service_request_id" => [.. seeds.IncidentIds, .. seeds.IncidentIds.Select(i => i.ToLowerInvariant().Replace("-", "")), "BG-2222-2222"],
        "escalationid" => [.. seeds.IncidentIds.Select(i => $"{i}:ack:0:1:0"), .. seeds.IncidentIds.Select(i => $"{i}:resolve:0:2:1"), "BG-2222-2222:ack:0:1:0"],
        "code" or "commune" or "communecode" or "attribute[commune]" => ["07627", "07615", "07210", "07201", "213", "province", "urenco", "fire"],
        "agency" => ["urenco", "power", "water", "fire-police", "nope"],
        "kind" => ["commune", "agency", "province", "Commune", "district"],
        "staffid" or "substituteid" => [.. seeds.StaffIds, "nobody"],
        "overrideid" => ["ov-0000000000", "nope"],
        "category" or "service_code" or "alerttype" => ["garbage_dumping", "fire", "flood", "street_light", "crowd", "other", "volcano"],
        "cameraid" => ["BG-CAM-0001", "BG-CAM-0002", "BG-CAM-9999"],
        "role" => ["Admin", "Supervisor", "CommuneOfficer", "AgencyStaff", "admin", "Citizen"],
        "status" => ["received", "assigned", "acknowledged", "in_progress", "waiting", "resolved", "closed", "rejected", "merged", "open", "closed", "open,closed", "assigned,closed",
            "available", "en_route", "on_scene", "out_of_service", "EN_ROUTE"],
        "crewid" => ["urenco-bg-1", "urenco-qv-1", "fire-bg-1", "nope"],
        "priority" => ["P1", "P2", "P3", "P4", "P1,P4", "P0", "p1"],
        "level" or "limit" or "offset" or "reportseq" or "round" => Integers,
        "lat" or "lon" or "long" or "confidence" => Numbers,
        "from" or "to" or "at" or "start_date" or "end_date" => Dates,
        "format" => ["csv", "json", "xml", "CSV"],
        "sort" => ["fired_at", "lateness", "random"],
        "groupby" => ["commune", "agency", "category", "nothing"],
        "escalated" => ["true", "false", "True", "yes", "1"],
        "cursor" => ["", "abc", "MjAyNi0xMS0wMVQwMDowMDowMFp8Qkct", "eyJ9", "=="],
        "outcome" => ["fixed", "not_fixed", "not_responsible", "FIXED", "broken"],
        "duty" => ["office", "always", "", "off-hours:Mon Wed", "off-hours:", "off-hours:Xyz", "nights"],
        "phone" => ["0912345678", "+84912345678", "0912 345 678", "12345", "++84"],
        "photos" or "photourl" or "snapshoturl" or "media_url" => ["https://example.org/p.jpg", "http://x", "ftp://x/y", "not a url", "https://" + new string('a', 2001)],
        "sendstatus" => ["5", "4", "delivered", "failed", "0", ""],
        "channel" => ["console", "zalo", "sms", "email", "carrier-pigeon"],
        "api_key" => [seeds.Open311Key, "wrong-key", ""],
        "token" => ["abc", new string('x', 64), new string('x', 65), "%2e%2e"],
        _ => [],
    };

    /// <summary>A value the API likely accepts for a field of this name (numbers as JSON numbers, the rest as text).</summary>
    public static Gen<string> Plausible(string name, FuzzSeeds seeds) => name.ToLowerInvariant() switch
    {
        "lat" or "latitude" => Gen.Elements("21.3", "21.27", "21.41"),
        "lon" or "long" or "longitude" => Gen.Elements("106.2", "106.61"),
        "confidence" => Gen.Elements("0.95", "0.4"),
        "reportseq" => Gen.Elements("1", "2"),
        "category" or "alerttype" => Gen.Elements("garbage_dumping", "fire", "flood"),
        "communecode" or "commune" => Gen.Elements("07627", "07615"),
        "agency" => Gen.Elements("urenco", "power"),
        "cameraid" => Gen.Elements("BG-CAM-0001", "BG-CAM-0002"),
        "crewid" => Gen.Elements("urenco-bg-1", "urenco-qv-1"),
        "outcome" => Gen.Elements("fixed", "not_fixed"),
        "into" => Gen.Elements(seeds.IncidentIds.ToArray()),
        "staffid" or "substituteid" => Gen.Elements(seeds.StaffIds.ToArray()),
        "role" => Gen.Elements("officer", "Admin", "Supervisor"),
        "duty" => Gen.Elements("office", "always", "off-hours:Mon Wed"),
        "from" => Gen.Elements("2026-12-01"),
        "to" => Gen.Elements("2026-12-05"),
        "at" => Gen.Elements("2026-11-23T08:15:00+07:00", "2026-12-01T01:00:00Z"),
        "phone" => Gen.Elements("0912345678", "+84912345678"),
        "photos" or "photourl" or "snapshoturl" or "url" or "thumbnail" or "photo_url" => Gen.Elements("https://example.org/p.jpg"),
        "event_name" => Gen.Elements("user_send_text", "user_send_location", "user_send_image"),
        "id" or "msg_id" => Gen.Choose(1, 1_000_000).Select(n => n.ToString(CultureInfo.InvariantCulture)),
        "commandid" or "alertid" => Gen.Choose(0, 50).Select(n => $"fuzz-{n}"),
        "sendstatus" => Gen.Elements("5", "4", "delivered"),
        _ => Gen.Elements("Rác thải đổ trộm ven đường", "Đèn đường hỏng", "ghi chú", "Nguyễn Văn A"),
    };

    /// <summary>UTF-8 percent-encoding of a path segment or query value (unpaired surrogates become U+FFFD, as on the wire).</summary>
    public static string Escape(string value)
    {
        var builder = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '~') builder.Append(c);
            else builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
        }
        return builder.ToString();
    }

    /// <summary>Percent-encoded bytes that are not UTF-8 at all: overlong forms, lone continuation bytes, a truncated sequence.</summary>
    public static Gen<string> RawEscapes { get; } = Gen.Elements("%FF", "%C0%80", "%80", "%E2%82", "%ED%A0%80", "%F4%90%80%80", "%00", "%25", "%2F", "%3F", "%23");
}
