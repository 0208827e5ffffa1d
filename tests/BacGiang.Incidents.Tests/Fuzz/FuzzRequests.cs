using System.Globalization;
using System.Text;
using System.Text.Json;
using BacGiang.Incidents.Api.Apis;
using FsCheck;
using FsCheck.Fluent;

namespace BacGiang.Incidents.Tests.Fuzz;

/// <summary>What signing a request gets at the moment it is sent (timestamps are the real time's, as the API checks them).</summary>
public enum SignatureMode
{
    Valid,
    Wrong,
    Stale,
    Missing,
}

/// <summary>
/// One generated request. The body may hold <see cref="FuzzRequests.NowMilliseconds"/> or <see cref="FuzzRequests.NowSeconds"/>,
/// filled in when it is sent; <see cref="CutAfter"/> sends the body chunked, only that many bytes of it, and then a
/// chunk header that is not one: a body whose framing breaks off part-way.
/// </summary>
public sealed record FuzzRequest(string Operation, string Method, string Target, string Caller, IReadOnlyList<KeyValuePair<string, string>> Headers,
    byte[]? Body, string? ContentType, Signing Signing, SignatureMode Signature, int? CutAfter)
{
    public string Describe()
    {
        var text = new StringBuilder($"{Method} {Target} as {Caller} [{Operation}]");
        if (ContentType is not null) text.Append($"\n    Content-Type: {ContentType}");
        foreach (var (name, value) in Headers) text.Append($"\n    {name}: {Shorten(value, 200)}");
        if (Signing != Signing.None) text.Append($"\n    signed for {Signing}: {Signature}");
        if (Body is not null)
        {
            text.Append($"\n    body ({Body.Length} bytes{(CutAfter is { } cut ? $", cut after {cut}" : "")}): ");
            text.Append(Shorten(Encoding.UTF8.GetString(Body), 600));
        }
        return text.ToString();
    }

    private static string Shorten(string text, int max)
    {
        var json = JsonSerializer.Serialize(text.Length > max ? text[..max] : text);
        return text.Length > max ? $"{json}… ({text.Length} chars)" : json;
    }

    /// <summary>Keeps FsCheck's own report short: the failing requests are listed separately.</summary>
    public override string ToString() => $"{Method} {Target}";
}

/// <summary>Generators of whole requests for an operation: parameters, headers, caller, body, content type, mutations.</summary>
public sealed partial class FuzzRequests(JsonElement document, FuzzSeeds seeds)
{
    public const string NowMilliseconds = "@@NOW_MS@@";
    public const string NowSeconds = "@@NOW_S@@";

    public static readonly string[] Callers =
    [
        "anonymous", "anonymous", "anonymous", "Admin", "Admin", "Admin", "Supervisor", "Supervisor", "Supervisor", "CommuneOfficer", "CommuneOfficer",
        "CommuneOfficer", "AgencyStaff", "AgencyStaff", "AgencyStaff", "CrewMember", "CrewMember", "bad-token", "bad-garbage", "bad-scheme",
    ];

    private static readonly string[] OtherMethods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    private static readonly string[] StrayPaths =
    [
        "/api/nope", "/api", "/api/", "/api/incidents/BG-2222-2222/nope", "/api/units/commune", "/%FF", "/%C0%80/x", "/index.html", "/style.css",
        "/inbox.html", "/docs", "/openapi/v1.json", "/openapi/v2.json", "/health/live", "/health/ready", "/e/", "/webhooks", "/open311/v2/nope.json",
        "/open311/v2/services/.json", "/open311/v2/requests/.json", "/open311/v2/nope.xml", "/open311/v2/requests/.xml", "/open311/discovery", "/dev/token/x", "/api/incidents/%2F..%2F", "/api/track/", "/%20",
    ];

    private static readonly string[] Accepts =
    [
        "application/json", "application/problem+json", "text/html", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "text/csv",
        "*/*", "application/xml", "text/event-stream", "image/png", "garbage;;q=x", "application/json;q=0", "",
    ];

    private static readonly string[] JsonTypes =
    [
        "application/json; charset=utf-8", "application/json; charset=utf-16", "application/json; charset=nonsense", "application/problem+json",
        "text/json", "text/plain", "text/plain; charset=utf-8", "application/x-www-form-urlencoded", "multipart/form-data; boundary=fuzz-boundary",
        "multipart/form-data", "multipart/form-data; boundary=", "multipart/mixed; boundary=x", "application/octet-stream", "application/jsonx",
        "application/json;;;", "*/*", "json", "APPLICATION/JSON", "application/xml",
    ];

    public Gen<FuzzRequest> Any(IReadOnlyList<FuzzOperation> operations) => Gen.Frequency(
        (97, Gen.Elements(operations.ToArray()).SelectMany(For)),
        (3, Stray()));

    /// <summary>A request for an operation: mostly its own method, sometimes another (405s and neighbouring routes).</summary>
    public Gen<FuzzRequest> For(FuzzOperation op) =>
        from method in Gen.Frequency((19, Gen.Constant(op.Method)), (1, Gen.Elements(OtherMethods)))
        from caller in Gen.Elements(Callers)
        from path in Path(op)
        from query in Query(op)
        from headers in Headers(op)
        from body in Body(op)
        from signature in Gen.Frequency((6, Gen.Constant(SignatureMode.Valid)), (1, Gen.Constant(SignatureMode.Wrong)),
            (1, Gen.Constant(SignatureMode.Stale)), (1, Gen.Constant(SignatureMode.Missing)))
        from cut in Gen.Frequency((49, Gen.Constant<int?>(null)), (1, Gen.Choose(0, 40).Select(n => (int?)n)))
        select new FuzzRequest(op.Id, method, Fit(path, query), caller, headers, body.Bytes, body.ContentType, op.Signing, signature,
            body.Bytes is { Length: > 0 } bytes && cut is { } n && n < bytes.Length ? n : null);

    /// <summary>
    /// The request line within Kestrel's 8 KiB (past it Kestrel answers 414 itself, before the application), and no
    /// NUL in the path (which Kestrel also refuses itself, with a bare 400): the fuzz is about what the application answers.
    /// </summary>
    private static string Fit(string path, string query)
    {
        path = path.Replace("%00", "%01", StringComparison.Ordinal);
        const int MaxTarget = 7500;
        if (path.Length + query.Length <= MaxTarget) return path + query;
        var cut = query[..Math.Max(0, MaxTarget - path.Length)];
        var end = cut.LastIndexOf('&');
        return path + (end > 0 ? cut[..end] : "");
    }

    /// <summary>Paths the API does not serve, or serves as files: status pages and static files must answer in kind too.</summary>
    private static Gen<FuzzRequest> Stray() =>
        from method in Gen.Elements(OtherMethods)
        from path in Gen.Elements(StrayPaths)
        from caller in Gen.Elements(Callers)
        from accept in Gen.Elements(Accepts)
        select new FuzzRequest("(stray)", method, path, caller, accept.Length == 0 ? [] : [new("Accept", accept)], null, null, Signing.None, SignatureMode.Valid, null);

    private Gen<string> Path(FuzzOperation op)
    {
        var segments = System.Text.RegularExpressions.Regex.Split(op.Path, "({[^}]+})");
        var parts = segments.Select(s => s.StartsWith('{') ? Segment(s.Trim('{', '}')) : Gen.Constant(s));
        return Gen.CollectToArray(parts).Select(string.Concat);
    }

    private Gen<string> Segment(string name) => Gen.Frequency(
        (12, FuzzValues.For(name, seeds).Select(FuzzValues.Escape)),
        (1, FuzzValues.RawEscapes),
        (1, from value in FuzzValues.For(name, seeds) from raw in FuzzValues.RawEscapes select FuzzValues.Escape(value) + raw));

    private Gen<string> Query(FuzzOperation op)
    {
        var names = op.Parameters.Where(p => p.In == "query").Select(p => p.Name).ToArray();
        var pairs = names.Select(name => Gen.Frequency(
            (5, Gen.Constant<string?>(null)),
            (4, FuzzValues.For(name, seeds).Select(v => (string?)$"{name}={FuzzValues.Escape(v)}")),
            (1, Gen.Two(FuzzValues.For(name, seeds)).Select(t => (string?)$"{name}={FuzzValues.Escape(t.Item1)}&{name}={FuzzValues.Escape(t.Item2)}")),
            (1, FuzzValues.RawEscapes.Select(r => (string?)$"{name}={r}")),
            (1, Gen.Elements<string?>($"{name}", $"{name}=", $"{name.ToUpperInvariant()}=1"))));
        var extra = Gen.Frequency((8, Gen.Constant<string?>(null)),
            (1, FuzzValues.Text.Select(v => (string?)$"{FuzzValues.Escape(v)}={FuzzValues.Escape(v)}")),
            (1, Gen.Elements<string?>("&&&", "=", "a=b=c", "%ZZ=1", "x=%", "%FF=%FE")));
        return Gen.CollectToArray(pairs.Append(extra)).Select(all =>
            all.Where(p => p is not null).ToArray() is { Length: > 0 } present ? "?" + string.Join('&', present) : "");
    }

    private Gen<IReadOnlyList<KeyValuePair<string, string>>> Headers(FuzzOperation op) =>
        from accept in Gen.Frequency((3, Gen.Constant("")), (2, Gen.Elements(Accepts)))
        from key in op.Id == "FileReport"
            ? Gen.Frequency((3, Gen.Constant<string?>(null)), (2, Gen.Choose(0, int.MaxValue).Select(n => (string?)$"fuzz-key-{n:x8}")),
                (1, Gen.Elements<string?>("", " ", "a b", new string('k', 255), new string('k', 256), "\t", "key-\u007f")))
            : Gen.Constant<string?>(null)
        select (IReadOnlyList<KeyValuePair<string, string>>)new[]
            {
                accept.Length > 0 ? new KeyValuePair<string, string>("Accept", accept) : default,
                key is not null ? new KeyValuePair<string, string>(ReportsApi.IdempotencyHeader, key) : default,
            }.Where(h => h.Key is not null).ToList();

    public sealed record BodyAndType(byte[]? Bytes, string? ContentType);

    private Gen<BodyAndType> Body(FuzzOperation op) => op.Body switch
    {
        BodyKind.Json => Gen.Frequency(
            (3, from text in Json(op.BodySchema!.Value, "body", 0)
                from bytes in MutateJson(text)
                from type in Gen.Frequency((6, Gen.Constant<string?>("application/json")), (1, Gen.Constant<string?>(null)), (3, Gen.Elements<string?>(JsonTypes)))
                select new BodyAndType(bytes, type)),
            // A body the API will likely take, so commands succeed and state moves on for the requests after them.
            (1, Plausible(op.BodySchema!.Value, "body", 0).Select(text => new BodyAndType(Encoding.UTF8.GetBytes(text), "application/json")))),
        BodyKind.Form => Form(),
        _ => Gen.Frequency(
            (8, Gen.Constant(new BodyAndType(null, null))),
            (1, Gen.Constant(new BodyAndType("{}"u8.ToArray(), "application/json"))),
            (1, FuzzValues.Text.Select(t => new BodyAndType(Encoding.UTF8.GetBytes(t), "text/plain")))),
    };

    // ---- JSON from the document's schemas ----

    private JsonElement Resolve(JsonElement schema) =>
        schema.TryGetProperty("$ref", out var reference) && reference.GetString() is { } r && r.StartsWith("#/components/schemas/", StringComparison.Ordinal)
            ? Resolve(document.GetProperty("components").GetProperty("schemas").GetProperty(r["#/components/schemas/".Length..]))
            : schema;

    /// <summary>JSON text for a schema: values the API knows, boundaries, nulls, wrong types, missing and extra fields.</summary>
    public Gen<string> Json(JsonElement schema, string name, int depth)
    {
        schema = Resolve(schema);
        var wrongType = AnyJson(depth);
        Gen<string> right;
        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            right = Gen.OneOf(oneOf.EnumerateArray().Select(s => Json(s, name, depth)).ToArray());
        else if (schema.TryGetProperty("enum", out var values))
            right = Gen.Frequency((4, Gen.Elements(values.EnumerateArray().Select(v => v.GetRawText()).ToArray())), (1, FuzzValues.For(name, seeds).Select(Quote)));
        else
        {
            var types = schema.TryGetProperty("type", out var t)
                ? t.ValueKind == JsonValueKind.Array ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [t.GetString()!]
                : ["object"];
            right = Gen.OneOf(types.Select(type => Typed(schema, type, name, depth)).ToArray());
        }
        return Gen.Frequency((12, right), (1, wrongType), (1, Gen.Constant("null")));
    }

    /// <summary>JSON for a schema with every field present and a value the API is likely to accept.</summary>
    private Gen<string> Plausible(JsonElement schema, string name, int depth)
    {
        schema = Resolve(schema);
        if (schema.TryGetProperty("oneOf", out var oneOf) || schema.TryGetProperty("anyOf", out oneOf))
            return Plausible(oneOf.EnumerateArray().FirstOrDefault(s => !(s.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String && t.GetString() == "null")), name, depth);
        if (schema.TryGetProperty("enum", out var values)) return Gen.Elements(values.EnumerateArray().Select(v => v.GetRawText()).ToArray());
        var type = schema.TryGetProperty("type", out var types)
            ? types.ValueKind == JsonValueKind.Array ? types.EnumerateArray().Select(x => x.GetString()!).First(x => x != "null") : types.GetString()!
            : "object";
        return type switch
        {
            "boolean" => Gen.Constant("true"),
            "integer" or "number" => FuzzValues.Plausible(name, seeds),
            "array" => (schema.TryGetProperty("items", out var items) ? Plausible(items, name, depth + 1) : Gen.Constant("null")).Select(item => $"[{item}]"),
            "object" when depth <= 4 && schema.TryGetProperty("properties", out var properties) =>
                Gen.CollectToArray(properties.EnumerateObject().Select(p => Plausible(p.Value, p.Name, depth + 1).Select(v => $"{Quote(p.Name)}:{v}")))
                    .Select(fields => "{" + string.Join(",", fields) + "}"),
            "object" => Gen.Constant("{}"),
            _ => name switch
            {
                "timestamp" => Gen.Constant(Quote(NowMilliseconds)),
                "app_id" => Gen.Constant(Quote(EndToEnd.SystemFixture.ZaloAppId)),
                _ => FuzzValues.Plausible(name, seeds).Select(Quote),
            },
        };
    }

    private Gen<string> Typed(JsonElement schema, string type, string name, int depth) => type switch
    {
        "null" => Gen.Constant("null"),
        "boolean" => Gen.Elements("true", "false"),
        "integer" => Gen.Elements(FuzzValues.Integers).Select(NumberOrString),
        "number" => Gen.Elements(FuzzValues.Numbers).Select(NumberOrString),
        "string" when schema.TryGetProperty("format", out var f) && f.GetString() is "date-time" or "date" => Gen.Elements(FuzzValues.Dates).Select(Quote),
        "string" => name is "timestamp" ? Gen.Frequency((4, Gen.Constant(Quote(NowMilliseconds))), (1, FuzzValues.For(name, seeds).Select(Quote)))
            : name is "app_id" ? Gen.Frequency((4, Gen.Constant(Quote(EndToEnd.SystemFixture.ZaloAppId))), (1, FuzzValues.Text.Select(Quote)))
            : FuzzValues.For(name, seeds).Select(Quote),
        "array" => Array(schema.TryGetProperty("items", out var items) ? items : default, name, depth),
        "object" => Object(schema, depth),
        _ => AnyJson(depth),
    };

    private Gen<string> Array(JsonElement items, string name, int depth)
    {
        var item = items.ValueKind == JsonValueKind.Undefined || depth > 4 ? AnyJson(depth + 1) : Json(items, name, depth + 1);
        return Gen.Frequency(
            (6, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(item, n))),
            (2, Gen.Choose(9, 12).SelectMany(n => Gen.ArrayOf(item, n))),
            (1, item.Select(one => Enumerable.Repeat(one, 1000).ToArray())))
            .Select(all => "[" + string.Join(",", all) + "]");
    }

    private Gen<string> Object(JsonElement schema, int depth)
    {
        if (depth > 4 || !schema.TryGetProperty("properties", out var properties)) return Gen.Constant("{}");
        var fields = properties.EnumerateObject().Select(p =>
            from present in Gen.Frequency((6, Gen.Constant(true)), (1, Gen.Constant(false)))
            from casing in Gen.Frequency((12, Gen.Constant(p.Name)), (1, Gen.Constant(p.Name.ToUpperInvariant())), (1, Gen.Constant(char.ToUpperInvariant(p.Name[0]) + p.Name[1..])))
            from value in Json(p.Value, p.Name, depth + 1)
            select present ? $"{Quote(casing)}:{value}" : null).ToArray();
        var extra = Gen.Frequency((6, Gen.Constant<string?>(null)),
            (1, from key in FuzzValues.Text from value in AnyJson(depth + 1) select (string?)$"{Quote(key)}:{value}"),
            (1, from value in AnyJson(depth + 1) from p in Gen.Elements(properties.EnumerateObject().Select(p => p.Name).DefaultIfEmpty("x").ToArray())
                select (string?)$"{Quote(p)}:{value}"));
        return from all in Gen.CollectToArray(fields)
               from more in extra
               from order in Gen.Shuffle(all.Append(more).Where(f => f is not null).ToArray())
               select "{" + string.Join(",", order) + "}";
    }

    /// <summary>Any JSON value at all, shallowly nested.</summary>
    private Gen<string> AnyJson(int depth) => depth > 3
        ? Gen.OneOf(Gen.Elements(FuzzValues.Numbers).Select(NumberOrString), FuzzValues.Text.Select(Quote), Gen.Elements("true", "false", "null"))
        : Gen.Frequency(
            (3, FuzzValues.Text.Select(Quote)),
            (2, Gen.Elements(FuzzValues.Numbers.Concat(FuzzValues.Integers).ToArray()).Select(NumberOrString)),
            (1, Gen.Elements("true", "false", "null", "{}", "[]", "[null]", "{\"\":null}")),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(AnyJson(depth + 1), n)).Select(a => "[" + string.Join(",", a) + "]")),
            (1, Gen.Choose(0, 3).SelectMany(n => Gen.ArrayOf(from k in FuzzValues.Text from v in AnyJson(depth + 1) select $"{Quote(k)}:{v}", n))
                .Select(a => "{" + string.Join(",", a) + "}")));

    /// <summary>A number as a JSON number where its text is one (however far out of range), else as a string (the API reads numbers from strings too).</summary>
    private static string NumberOrString(string number) => JsonNumber().IsMatch(number) ? number : Quote(number);

    [System.Text.RegularExpressions.GeneratedRegex(@"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$")]
    private static partial System.Text.RegularExpressions.Regex JsonNumber();

    /// <summary>A JSON string literal: controls and lone surrogates as \u escapes (the latter valid JSON but not Unicode), the rest as is.</summary>
    public static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) builder.Append(c).Append(text[++i]);
            else if (c is '"' or '\\') builder.Append('\\').Append(c);
            else if (c < 0x20 || char.IsSurrogate(c)) builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    /// <summary>The body as sent: mostly the JSON as generated; otherwise truncated, padded past 64 KiB, nested too deep, doubled, or not UTF-8.</summary>
    private static Gen<byte[]> MutateJson(string json)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        return Gen.Frequency(
            (30, Gen.Constant(utf8)),
            (4, Gen.Choose(0, Math.Max(0, utf8.Length - 1)).Select(n => utf8[..n])),
            (1, Gen.Elements("}", "]", ",", ",\"x\":1}", "\n{}", "\u0000", " // comment", "/* */").Select(tail => Encoding.UTF8.GetBytes(json + tail))),
            (1, Gen.Elements("", "null", "[]", "\"text\"", "0", "-1", "true", "{}", "{\"a\":", "{,}", "{\"\\ud800\":1}", "[{}]", "NaN", "{'a':1}")
                .Select(Encoding.UTF8.GetBytes)),
            (1, Gen.Elements(65_536 - 2, 65_536 - 1, 65_537, 200_000).Select(size =>
                Encoding.UTF8.GetBytes("{\"description\":\"" + new string('a', size) + "\"}"))),
            (1, Gen.Elements(63, 64, 65, 2_000).Select(n => Encoding.UTF8.GetBytes(new string('[', n) + new string(']', n)))),
            (1, Gen.Elements(new byte[] { 0xEF, 0xBB, 0xBF }, [0xFF, 0xFE], [0xC0, 0x80], [0xED, 0xA0, 0x80]).Select(prefix => prefix.Concat(utf8).ToArray())),
            (1, Gen.Constant(Encoding.Unicode.GetBytes(json))),
            (1, Gen.Constant(Encoding.UTF8.GetBytes(json.Replace("\"", "'")))));
    }

    // ---- Open311's form ----

    private Gen<BodyAndType> Form()
    {
        var fields = FuzzOperations.Open311Fields.Select(name => Gen.Frequency(
            (1, Gen.Constant<string?>(null)),
            (3, FuzzValues.For(name, seeds).Select(v => (string?)$"{FuzzValues.Escape(name)}={FuzzValues.Escape(v)}")))).ToArray();
        var form = Gen.CollectToArray(fields).Select(all => string.Join('&', all.Where(f => f is not null)));
        var body = Gen.Frequency(
            (12, form),
            (1, Gen.Elements("", "&&&", "a=b=c&%ZZ=1", "api_key", "=x", new string('k', 200) + "=1",
                string.Join('&', Enumerable.Range(0, 70).Select(i => $"f{i}=1")), "api_key=" + new string('v', 70_000))),
            (1, form.Select(f => f + "&" + f)));
        var type = Gen.Frequency(
            (7, Gen.Constant<string?>("application/x-www-form-urlencoded")),
            (1, Gen.Constant<string?>(null)),
            (3, Gen.Elements<string?>(JsonTypes)));
        return from text in body
               from contentType in type
               select new BodyAndType(Encoding.UTF8.GetBytes(contentType?.StartsWith("multipart/form-data; boundary=fuzz", StringComparison.Ordinal) == true
                   ? $"--fuzz-boundary\r\nContent-Disposition: form-data; name=\"api_key\"\r\n\r\n{text}\r\n--fuzz-boundary--\r\n"
                   : text), contentType);
    }
}
