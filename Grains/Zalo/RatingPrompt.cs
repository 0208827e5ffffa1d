using System.Text.RegularExpressions;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>
/// The rating conversation, as plain rules: after an incident the user reported is resolved, its status update asks
/// for 1–5 stars. While that prompt is the open question (it was the last thing the OA asked, and the citizen has
/// said nothing else since), a reply that is a digit 1–5 ("4", "5 sao") is the rating of that incident; any other
/// message closes the prompt and is read as usual (a new report). A rating is given once: the incident refuses a
/// second one, and the conversation stops asking about an incident it has a rating for.
/// </summary>
public static partial class RatingPrompt
{
    [GeneratedRegex(@"^\s*([1-5])\s*(sao)?\s*[.!]*\s*$")]
    private static partial Regex Digit();

    [GeneratedRegex(@"^\s*[0-9]+\s*(sao)?\s*[.!]*\s*$")]
    private static partial Regex AnyNumber();

    /// <summary>The stars a reply gives, or null when it is not a rating.</summary>
    public static int? Stars(string? text) =>
        text is null || Digit().Match(SearchText.Fold(text)) is not { Success: true } m ? null : m.Groups[1].Value[0] - '0';

    /// <summary>
    /// Whether the status update for <paramref name="status"/> carries the prompt: on resolution (again after a
    /// reopening), or on closing when the user was not asked yet or the earlier prompt was still held back (the
    /// held update it rode in is replaced by this one); never once the user has rated.
    /// </summary>
    public static bool Due(ZaloConversationState s, string incidentId, IncidentStatus status, bool replacingHeldPrompt) =>
        !s.Rated.Contains(incidentId) && status switch
        {
            IncidentStatus.Resolved => true,
            IncidentStatus.Closed => replacingHeldPrompt || !s.Prompted.Contains(incidentId),
            _ => false,
        };

    /// <summary>The incident and stars when <paramref name="message"/> answers the open prompt; null otherwise.</summary>
    public static (string IncidentId, int Stars)? Answer(ZaloConversationState s, ZaloIncoming message) =>
        s.RatingAskedFor is { } incident && message.Kind == ZaloMessageKind.Text && Stars(message.Text) is { } stars ? (incident, stars) : null;

    /// <summary>
    /// The incident whose open prompt <paramref name="message"/> answers with a number that is no rating ("0", "6",
    /// "10 sao"): told so, with the prompt left open; null otherwise.
    /// </summary>
    public static string? OutOfRange(ZaloConversationState s, ZaloIncoming message) =>
        s.RatingAskedFor is { } incident && message.Kind == ZaloMessageKind.Text && message.Text is { } text
        && Stars(text) is null && AnyNumber().IsMatch(SearchText.Fold(text)) ? incident : null;

    public static string Question(string trackingCode) =>
        $"Bạn hài lòng thế nào với việc xử lý sự cố {trackingCode}? Hãy nhắn một số từ 1 (rất không hài lòng) đến 5 (rất hài lòng).";

    public static string Thanks(string trackingCode, int stars) =>
        $"Cảm ơn bạn đã đánh giá {stars}/5 cho việc xử lý sự cố {trackingCode}. Ý kiến của bạn giúp chính quyền phục vụ tốt hơn.";

    public static string AlreadyRated(string trackingCode) =>
        $"Sự cố {trackingCode} đã được bạn đánh giá trước đó; mỗi sự cố chỉ đánh giá một lần. Cảm ơn bạn!";

    public static string NotResolved(string trackingCode) =>
        $"Sự cố {trackingCode} đang được xử lý lại; bạn có thể đánh giá khi xử lý xong.";
}
