using System.Text.RegularExpressions;
using BacGiang.Incidents.People;
using NodaTime;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>
/// How a status update reaches the citizen, as plain rules. Within Zalo's customer-service window after their last
/// message it is a chat message; past it, a ZNS template message to the phone they gave in the chat, when a template
/// is configured; otherwise it waits (visibly, <see cref="DeliveryState.WaitingForCitizen"/>) for their next message.
/// </summary>
public static partial class UpdateChannel
{
    public const string Chat = "cs", Template = "zns";

    // A run of digits that may be a phone number, with the separators people type; checked by PhoneNumber afterwards.
    [GeneratedRegex(@"\+?[0-9][0-9 .\-]{8,15}[0-9]")]
    private static partial Regex PhoneLike();

    /// <summary>The first Vietnamese mobile number in the text, in ZNS's form (84 and nine digits), or null.</summary>
    public static string? PhoneIn(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        foreach (Match match in PhoneLike().Matches(text))
            if (PhoneNumber.TryNormalise(match.Value, out var mobile)) return "84" + mobile[1..];
        return null;
    }

    /// <summary>The channel and initial state of an update due <paramref name="now"/>.</summary>
    public static (string Channel, DeliveryState State) For(Instant? lastUserMessage, Instant now, Duration window, string? phone, string? templateId) =>
        lastUserMessage is { } last && now - last <= window ? (Chat, DeliveryState.Pending)
        : phone is not null && !string.IsNullOrWhiteSpace(templateId) ? (Template, DeliveryState.Pending)
        : (Chat, DeliveryState.WaitingForCitizen);

    /// <summary>The template's parameters: the tracking code and the update's text (the template registered with Zalo names these two).</summary>
    public static IReadOnlyDictionary<string, string> TemplateData(string? trackingCode, string text) =>
        new Dictionary<string, string> { ["tracking_code"] = trackingCode ?? "", ["status"] = text.Length <= 400 ? text : text[..400] };
}
