using System.Text.RegularExpressions;
using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.Sla;
using NodaTime;
using NodaTime.Text;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>What a citizen asks about one of their reports in the chat, rather than reporting something new.</summary>
public abstract record ChatRequest(string Code)
{
    /// <summary>The message holds a tracking code and nothing else asked: the status of that report.</summary>
    public sealed record Status(string Code) : ChatRequest(Code);

    /// <summary>"mở lại BG-…" with the citizen's reason, if they gave one.</summary>
    public sealed record Reopen(string Code, string? Reason) : ChatRequest(Code);

    /// <summary>"về BG-…": the held message is about that incident (the quick reply of a <see cref="WaitingOffer"/>).</summary>
    public sealed record About(string Code) : ChatRequest(Code);

    /// <summary>"đánh giá BG-… 4": <see cref="Stars"/> is null when the number is missing or not 1–5.</summary>
    public sealed record Rate(string Code, int? Stars) : ChatRequest(Code);
}

/// <summary>
/// The chat's own requests, as plain rules: a text naming a tracking code (any case, with or without dashes) asks for
/// that report's status, "mở lại" before it asks to reopen it, "đánh giá" and a number rates it. These texts are the
/// quick replies the OA's messages offer. Only the citizen's own reports are answered about: any other code — another
/// person's, or none at all — gets the same answer, so the chat tells nothing about codes that are not theirs.
/// </summary>
public static partial class ChatRequests
{
    private static readonly LocalDateTimePattern Time = LocalDateTimePattern.CreateWithInvariantCulture("HH:mm 'ngày' dd/MM/yyyy");

    // Folded text (no tone marks, lower case); the symbols are checked against the tracking alphabet afterwards, so a
    // mistyped code (a 0 for an O) is still recognised as a code and answered as one, not read as a new report.
    [GeneratedRegex(@"(?<![0-9a-z])bg[- ]?([0-9a-z]{4})[- ]?([0-9a-z]{4})(?![0-9a-z])")]
    private static partial Regex CodeLike();

    [GeneratedRegex(@"(?<![0-9])[0-9]+(?![0-9])")]
    private static partial Regex Number();

    public static ChatRequest? Read(ZaloIncoming message)
    {
        if (message.Kind != ZaloMessageKind.Text || string.IsNullOrWhiteSpace(message.Text)) return null;
        var folded = SearchText.Fold(message.Text);
        if (CodeLike().Match(folded) is not { Success: true } match) return null;
        var code = TrackingCode.TryParse(match.Value, out var parsed) ? parsed.Value : ("BG-" + match.Groups[1].Value + "-" + match.Groups[2].Value).ToUpperInvariant();
        var rest = (folded[..match.Index] + " " + folded[(match.Index + match.Length)..]).Trim();
        var words = rest.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (rest.StartsWith("mo lai", StringComparison.Ordinal) || rest.Contains(" mo lai", StringComparison.Ordinal) || rest == "mo lai")
            return new ChatRequest.Reopen(code, Reason(message.Text));
        if (words is ["ve"] or ["la", "ve"]) return new ChatRequest.About(code);
        if (rest.Contains("danh gia", StringComparison.Ordinal) || words.Contains("sao") || (words.Length == 1 && Number().IsMatch(words[0])))
        {
            var numbers = Number().Matches(rest);
            int? stars = numbers.Count == 1 && int.TryParse(numbers[0].Value, out var n) && n is >= 1 and <= 5 ? n : null;
            return new ChatRequest.Rate(code, stars);
        }
        return new ChatRequest.Status(code);
    }

    /// <summary>The citizen's own words after "mở lại" and the code, or null when they gave none.</summary>
    private static string? Reason(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).ToList();
        words.RemoveAll(w => CodeLike().IsMatch(SearchText.Fold(w)) || SearchText.Fold(w).Trim(',', '.', ':') is "bg");
        var skipped = 0;
        while (skipped < words.Count && skipped < 2 && SearchText.Fold(words[skipped]).Trim(',', '.', ':') is "mo" or "lai") skipped++;
        var reason = string.Join(' ', words.Skip(skipped)).Trim(' ', ',', '.', ':', '-');
        return reason.Length == 0 ? null : reason;
    }

    /// <summary>The same answer for an unknown code and another person's: nothing about a report that is not theirs.</summary>
    public static string NotYours(string code) =>
        $"Không tìm thấy sự cố mã {code} trong các báo cáo bạn đã gửi qua Zalo. Vui lòng kiểm tra lại mã; " +
        "chúng tôi chỉ trả lời về sự cố do chính bạn báo.";

    /// <summary>Status, outcome and the next deadline of one of the citizen's reports, with the quick replies that apply.</summary>
    public static string StatusAnswer(IncidentView incident, SlaView? sla, Instant now)
    {
        var code = incident.TrackingCode;
        var text = ReportAssembler.StatusUpdate(code, incident.Status, incident.Resolution);
        if (incident.Status == IncidentStatus.Resolved)
        {
            // The update's own tail promises a reopening; past the window that is no longer true.
            text = $"Sự cố {code}: " + ReportAssembler.Outcome(incident.Resolution);
        }
        if (sla?.Clocks.Where(c => c.Running && !c.Paused).OrderBy(c => c.Deadline).FirstOrDefault() is { } clock)
            text += $" Hạn {(clock.Kind == EscalationKind.Ack ? "tiếp nhận" : "xử lý")}: {Time.Format(clock.Deadline.InZone(ReferenceData.Zone).LocalDateTime)}.";
        return text + QuickReplies(incident, now);
    }

    /// <summary>What the citizen may answer next about this incident, as the exact texts to send.</summary>
    public static string QuickReplies(IncidentView incident, Instant now)
    {
        var code = incident.TrackingCode;
        var replies = new List<string>();
        if (incident.Status == IncidentStatus.Resolved && incident.ResolvedAt is { } resolved && now - resolved <= IncidentLifecycle.ReopenWindow)
            replies.Add($"\"mở lại {code}\" nếu sự cố chưa được khắc phục (trong {IncidentLifecycle.ReopenWindow.Days} ngày)");
        if (incident.Status is IncidentStatus.Resolved or IncidentStatus.Closed)
            replies.Add($"\"đánh giá {code} 5\" (từ 1 đến 5) để đánh giá việc xử lý");
        return replies.Count == 0 ? "" : "\nBạn có thể nhắn " + string.Join(", hoặc ", replies) + ".";
    }

    public static string StarsOutOfRange(string code) =>
        $"Điểm đánh giá là một số từ 1 đến 5, ví dụ: \"đánh giá {code} 4\". Chưa có gì được ghi nhận.";

    public static string Reopened(string code) =>
        $"Đã mở lại sự cố {code} theo yêu cầu của bạn; cơ quan xử lý sẽ xem xét lại. Chúng tôi sẽ nhắn khi có cập nhật.";

    /// <summary>Why the incident refused to reopen, from its status: past the window, closed, or not resolved yet.</summary>
    public static string CannotReopen(string code, IncidentStatus? status) => status switch
    {
        IncidentStatus.Resolved =>
            $"Sự cố {code} đã được xử lý xong hơn {IncidentLifecycle.ReopenWindow.Days} ngày nên không thể mở lại. Nếu sự việc vẫn còn, hãy nhắn để báo sự cố mới.",
        IncidentStatus.Closed or IncidentStatus.Rejected or IncidentStatus.Merged =>
            $"Sự cố {code} đã kết thúc nên không thể mở lại. Nếu sự việc vẫn còn, hãy nhắn để báo sự cố mới.",
        _ => $"Sự cố {code} vẫn đang được xử lý, chưa cần mở lại. Nhắn mã {code} để xem tình trạng.",
    };

    public static string NotYetRatable(string code) =>
        $"Sự cố {code} chưa được xử lý xong; bạn có thể đánh giá khi xử lý xong.";

    /// <summary>The reason recorded on the incident when the citizen gave none.</summary>
    public const string DefaultReopenReason = "Người báo yêu cầu mở lại qua Zalo (không nêu lý do).";
}
