using System.Text.Json;
using System.Text.Json.Nodes;
using BacGiang.Incidents.Domain.Events;

namespace BacGiang.Incidents.Domain;

/// <summary>
/// An event as the retention policy leaves it (Decree 13/2023): no reporter (name, phone), no chat id to reply to, no
/// idempotency key, a citizen actor known only by channel, and no phone number or e-mail address in any text; no image
/// (reports' photos, a resolution's photo, a camera's snapshot: they show people, homes and vehicles) and no vehicle
/// plate, whether a camera read it or someone typed it. Everything else (what, where, when, who on the staff did what)
/// stays, so the SLA figures and the audit trail survive.
/// Works on the event's JSON form, so a field added to any event later is covered without a change here, as long as
/// an image or a plate keeps one of the field names below.
/// </summary>
public static class PersonalDataRedactor
{
    public const string ReporterContact = "reporter_contact";
    public const string ImagesAndPlates = "images_and_plates";

    /// <summary>The fields (in the events' JSON) that hold an image's address, alone or in a list.</summary>
    private static readonly HashSet<string> ImageFields = new(StringComparer.Ordinal) { "photos", "photoUrl", "bestSnapshotUrl" };

    /// <summary>The fields that hold a vehicle plate, alone or in a list (camera evidence and tallies).</summary>
    private static readonly HashSet<string> PlateFields = new(StringComparer.Ordinal) { "plate", "plates" };

    /// <summary>
    /// The fields people write in, where a plate someone typed is removed too (<see cref="ContactText.RedactWithPlates"/>);
    /// every other string loses only phones and e-mail addresses, so ids and codes stay whole.
    /// </summary>
    private static readonly HashSet<string> WrittenFields = new(StringComparer.Ordinal) { "description", "note", "text", "reason", "comment" };

    /// <summary>
    /// The image addresses an event names: what <see cref="Redact"/> removes, so the images the system keeps itself
    /// (<see cref="PhotoIds"/>) can be deleted in the same transaction.
    /// </summary>
    public static IEnumerable<string> ImagesIn(IncidentEvent e)
    {
        var found = new List<string>();
        Collect(JsonSerializer.SerializeToNode(e, IncidentJson.Options)!, found);
        return found;
    }

    /// <summary>
    /// The ids of the photos stored here (<see cref="PhotoIds"/>) that erasing the incident's personal data deletes:
    /// those its events name, except the photos of reports that live on in another incident (split out, or all of
    /// them once it was merged), which that incident's own erasure deletes.
    /// </summary>
    public static IReadOnlyList<string> StoredPhotosToErase(IncidentLifecycle incident)
    {
        if (!incident.HoldsWholeHistory) throw new ArgumentException("The photos are found in the whole history; this holds the events after a snapshot.", nameof(incident));
        var elsewhere = (incident.MergedInto is not null ? incident.AllReports : incident.SplitOut.Values.Select(s => s.Report))
            .SelectMany(r => r.Photos).ToHashSet(StringComparer.Ordinal);
        return incident.Events.SelectMany(ImagesIn).Where(url => !elsewhere.Contains(url))
            .Select(url => PhotoIds.TryParseUrl(url, out var id) ? id : null).OfType<string>().Distinct().ToList();
    }

    private static void Collect(JsonNode node, List<string> found)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    if (child is null) continue;
                    if (!ImageFields.Contains(name)) Collect(child, found);
                    else if (child is JsonValue value && value.TryGetValue<string>(out var url)) found.Add(url);
                    else if (child is JsonArray list) found.AddRange(list.OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var u) ? u : null).OfType<string>());
                }
                break;
            case JsonArray a:
                foreach (var child in a.OfType<JsonNode>()) Collect(child, found);
                break;
        }
    }

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
                    if (child is not null && (ImageFields.Contains(name) || PlateFields.Contains(name))) o[name] = child is JsonArray ? new JsonArray() : null;
                    else if (child is JsonValue value && value.TryGetValue<string>(out var text))
                        o[name] = WrittenFields.Contains(name) ? ContactText.RedactWithPlates(text) : ContactText.Redact(text);
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
