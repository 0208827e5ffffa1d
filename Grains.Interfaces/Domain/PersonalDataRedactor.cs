using System.Text.Json;
using System.Text.Json.Nodes;
using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Domain;

/// <summary>
/// An event as the retention policy leaves it (Decree 13/2023): no reporter (name, phone), no chat id to reply to, no
/// idempotency key, a citizen actor known only by channel, and no phone number or e-mail address in any text. Everything else (what,
/// where, when, who on the staff did what) stays, so the SLA figures and the audit trail survive.
/// Works on the event's JSON form, so a field added to any event later is covered without a change here.
/// </summary>
public static class PersonalDataRedactor
{
    public const string ReporterContact = "reporter_contact";

    public static IncidentEvent Redact(IncidentEvent e)
    {
        var node = JsonSerializer.SerializeToNode(e, IncidentJson.Options)!;
        Scrub(node, parent: null);
        return node.Deserialize<IncidentEvent>(IncidentJson.Options)
            ?? throw new InvalidOperationException($"Event {e.Seq} did not survive redaction.");
    }

    /// <summary>A citizen's id says how they reached us ("zalo:8412…" becomes "zalo"), never who they are.</summary>
    public static string CitizenId(string id) => id.Split(':', 2)[0];

    private static void Scrub(JsonNode node, string? parent)
    {
        switch (node)
        {
            case JsonObject o:
                if (o.ContainsKey("reporter")) o["reporter"] = null;
                // A channel's key can name its sender (a Zalo report's is built from the chat id); long after the
                // incident ended no retry will come with it.
                if (o.ContainsKey("idempotencyKey")) o["idempotencyKey"] = null;
                if (parent == "actor" && o["role"]?.GetValue<string>() == "citizen" && o["id"] is JsonValue id)
                    o["id"] = CitizenId(id.GetValue<string>());
                foreach (var (name, child) in o.ToList())
                {
                    if (child is JsonValue value && value.TryGetValue<string>(out var text)) o[name] = ContactText.Redact(text);
                    else if (child is not null) Scrub(child, name);
                }
                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    if (a[i] is JsonValue value && value.TryGetValue<string>(out var text)) a[i] = ContactText.Redact(text);
                    else if (a[i] is { } child) Scrub(child, parent);
                }
                break;
        }
    }
}
