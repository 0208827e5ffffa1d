using System.Text.Json;
using System.Text.RegularExpressions;
using BacGiang.Incidents.Api.Apis;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Notifications;

namespace BacGiang.Incidents.Api.Zalo;

/// <summary>
/// What the OA webhook hears from staff rather than citizens: a reply naming an incident they were escalated about
/// acknowledges that escalation, and Zalo's delivery receipts mark the escalation messages delivered.
/// </summary>
public static partial class StaffZaloReplies
{
    /// <summary>True when the text named an incident this Zalo user was told of and still owed an acknowledgement.</summary>
    public static async Task<bool> TryAcknowledge(string zaloUserId, string? text, NotificationQueries notifications, IClusterClient cluster, CancellationToken ct)
    {
        if (text is null) return false;
        foreach (Match match in CodeLike().Matches(text))
        {
            if (!TrackingCode.TryParse(match.Value, out var code)) continue;
            if (await notifications.OpenOnZalo(zaloUserId, code.Value, ct) is not { } level) continue;
            await EscalationsApi.Acknowledge(cluster, level, NotificationChannel.Zalo);
            return true;
        }
        return false;
    }

    /// <summary>
    /// user_received_message: which message ids it carries is UNVERIFIED (INTEGRATIONS.md §1.2 names the event only);
    /// both message.msg_id and a message.msg_ids array are read.
    /// </summary>
    public static Task<int> Received(JsonElement root, NotificationQueries notifications, CancellationToken ct)
    {
        var ids = new List<string>();
        if (root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.Object)
        {
            if (message.TryGetProperty("msg_id", out var one) && AsText(one) is { } id) ids.Add(id);
            if (message.TryGetProperty("msg_ids", out var many) && many.ValueKind == JsonValueKind.Array)
                ids.AddRange(many.EnumerateArray().Select(AsText).OfType<string>());
        }
        return ids.Count == 0 ? Task.FromResult(0) : notifications.ZaloDelivered(ids, ct);
    }

    /// <summary>A message id as text; one holding a NUL (which PostgreSQL refuses in a query) is no id of Zalo's.</summary>
    private static string? AsText(JsonElement element) =>
        element.ValueKind == JsonValueKind.String && element.GetString() is { } text && !text.Contains('\0') ? text : null;

    [GeneratedRegex(@"\bBG-?[0-9A-Za-z]{4}-?[0-9A-Za-z]{4}\b", RegexOptions.IgnoreCase)]
    private static partial Regex CodeLike();
}
