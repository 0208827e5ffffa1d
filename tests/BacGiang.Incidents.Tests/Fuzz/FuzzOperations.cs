using System.Text.Json;

namespace BacGiang.Incidents.Tests.Fuzz;

public enum BodyKind
{
    None,
    Json,
    Form,
}

/// <summary>How a caller proves itself beyond a token: the IOC's HMAC, Zalo's mac, the SMS gateway's signed address.</summary>
public enum Signing
{
    None,
    Ioc,
    Zalo,
    Sms,
}

public sealed record FuzzParameter(string Name, string In);

/// <summary>One operation of the API: its method and path template, parameters, and the body it takes.</summary>
public sealed record FuzzOperation(string Id, string Method, string Path, IReadOnlyList<FuzzParameter> Parameters, JsonElement? BodySchema,
    BodyKind Body, Signing Signing, bool FromDocument)
{
    public override string ToString() => $"{Method} {Path}";
}

/// <summary>
/// The operations the fuzz covers: every operation of the running API's OpenAPI document, with what the document
/// leaves out added by hand — query parameters the handlers read themselves, bodies read without model binding,
/// and the one page the document excludes (GET /e/{token}).
/// </summary>
public static class FuzzOperations
{
    /// <summary>Query parameters each operation reads from the query string itself (the document does not list them).</summary>
    private static readonly Dictionary<string, string[]> Queries = new()
    {
        ["FindIncidents"] = ["status", "commune", "agency", "category", "priority", "escalated", "from", "to", "q", "limit", "cursor"],
        ["AuditEscalations"] = ["from", "to", "commune", "agency", "category", "level", "kind", "sort", "limit", "offset", "format"],
        ["SlaReport"] = ["groupBy", "from", "to", "commune", "agency"],
        ["AuditNotifications"] = ["from", "to", "commune", "agency", "incident", "channel", "limit", "offset", "format"],
        ["AuditEscalationGaps"] = ["from", "to", "commune", "agency", "incident", "channel", "offset"],
        ["GetOnDuty"] = ["at"],
        ["SmsDeliveryReport"] = ["n", "sig", "SendStatus"],
        ["Open311Requests"] = ["service_request_id", "service_code", "start_date", "end_date", "status"],
        ["Open311RequestsXml"] = ["service_request_id", "service_code", "start_date", "end_date", "status"],
    };

    /// <summary>Bodies the handlers read themselves, in the document's schema language.</summary>
    private static readonly Dictionary<string, string> Bodies = new()
    {
        ["AddPerson"] = Strings("staffId", "name", "role", "duty", "zaloUserId", "phone", "email", "department"),
        ["ReplacePerson"] = Strings("staffId", "name", "role", "duty", "zaloUserId", "phone", "email", "department"),
        ["AddDutyOverride"] = Strings("staffId", "from", "to", "substituteId", "note"),
        ["SmsDeliveryReport"] = Strings("SendStatus"),
        ["ZaloWebhook"] = """
            {"type":"object","required":["app_id","timestamp","event_name","sender","message"],"properties":{
              "app_id":{"type":"string"},"timestamp":{"type":"string"},
              "event_name":{"enum":["user_send_text","anonymous_send_text","user_send_image","user_send_location","user_received_message","follow","oa_send_text"]},
              "sender":{"type":"object","properties":{"id":{"type":"string"}}},
              "recipient":{"type":"object","properties":{"id":{"type":"string"}}},
              "user_id_by_app":{"type":"string"},
              "message":{"type":"object","properties":{
                "msg_id":{"type":"string"},"text":{"type":"string"},"photo_url":{"type":"string"},
                "msg_ids":{"type":"array","items":{"type":"string"}},
                "attachments":{"type":"array","items":{"type":"object","properties":{"type":{"type":"string"},"payload":{"type":"object","properties":{
                  "url":{"type":"string"},"thumbnail":{"type":"string"},
                  "coordinates":{"type":"object","properties":{"latitude":{"type":["string","number"]},"longitude":{"type":["string","number"]}}}}}}}}}}}}
            """,
    };

    /// <summary>The Open311 create form's fields (GeoReport v2), plus our commune attribute.</summary>
    public static readonly string[] Open311Fields =
    [
        "api_key", "service_code", "lat", "long", "address_string", "address_id", "attribute[commune]", "description", "media_url",
        "first_name", "last_name", "phone", "email", "device_id", "account_id",
    ];

    private static string Strings(params string[] names) =>
        JsonSerializer.Serialize(new { type = "object", properties = names.ToDictionary(n => n, _ => new { type = new[] { "null", "string" } }) });

    public static IReadOnlyList<FuzzOperation> From(JsonElement document)
    {
        var operations = new List<FuzzOperation>();
        foreach (var path in document.GetProperty("paths").EnumerateObject())
        {
            var shared = path.Value.TryGetProperty("parameters", out var p) ? p.EnumerateArray().ToList() : [];
            foreach (var entry in path.Value.EnumerateObject().Where(e => e.Name != "parameters"))
            {
                var op = entry.Value;
                var id = op.TryGetProperty("operationId", out var o) ? o.GetString()! : $"{entry.Name} {path.Name}";
                var parameters = shared.Concat(op.TryGetProperty("parameters", out var own) ? own.EnumerateArray() : [])
                    .Select(x => new FuzzParameter(x.GetProperty("name").GetString()!, x.GetProperty("in").GetString()!))
                    .Concat((Queries.GetValueOrDefault(id) ?? []).Select(q => new FuzzParameter(q, "query")))
                    .DistinctBy(x => (x.Name, x.In)).ToList();
                JsonElement? schema = null;
                var body = BodyKind.None;
                if (op.TryGetProperty("requestBody", out var requestBody)
                    && requestBody.GetProperty("content").TryGetProperty("application/json", out var json))
                {
                    schema = json.GetProperty("schema").Clone();
                    body = BodyKind.Json;
                }
                else if (Bodies.TryGetValue(id, out var handWritten))
                {
                    schema = JsonDocument.Parse(handWritten).RootElement.Clone();
                    body = BodyKind.Json;
                }
                else if (id is "Open311CreateRequest" or "Open311CreateRequestXml") body = BodyKind.Form;
                var signing = id switch
                {
                    "ReceiveIocAlert" => Signing.Ioc,
                    "ZaloWebhook" => Signing.Zalo,
                    "SmsDeliveryReport" => Signing.Sms,
                    _ => Signing.None,
                };
                operations.Add(new FuzzOperation(id, entry.Name.ToUpperInvariant(), path.Name, parameters, schema, body, signing, FromDocument: true));
            }
        }
        // Left out of the document on purpose (a page for a person's phone, not an API), but reachable all the same.
        if (!operations.Any(o => o.Method == "GET" && o.Path == "/e/{token}"))
            operations.Add(new FuzzOperation("AcknowledgementPage", "GET", "/e/{token}", [new("token", "path")], null, BodyKind.None, Signing.None, FromDocument: false));
        return operations;
    }
}
