using BacGiang.Incidents.ReadModel;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>
/// When an incident the citizen reported waits for them (status Waiting), their next message may be the answer. As
/// plain rules: a message that does not continue a report in progress is held, and the citizen is offered the
/// choice — "về BG-…" sends it to that incident (attached as their information), "báo mới" reads it as a new report;
/// any other reply closes the offer and both messages are read as usual.
/// </summary>
public static class WaitingOffer
{
    private static readonly HashSet<string> NewReport = new(StringComparer.Ordinal) { "bao moi", "moi", "su co moi", "bao su co moi", "khac", "su co khac" };

    /// <summary>Whether the message should be held and the choice offered: something waits, and no report is under way.</summary>
    public static bool Applies(ZaloConversationState s) =>
        s.Waiting.Count > 0 && s.Held is null
        && s.Draft is { Description: null, FiledAs: null, Location: null, Address: null, Photos.Count: 0 };

    /// <summary>Whether the reply chooses "a new report".</summary>
    public static bool ChoosesNewReport(ZaloIncoming message) =>
        message.Kind == ZaloMessageKind.Text && message.Text is { } text && NewReport.Contains(SearchText.Fold(text).Trim(' ', '.', '!', '"'));

    public static string Offer(IReadOnlyList<string> waiting) =>
        $"Cơ quan xử lý đang chờ thông tin từ bạn về sự cố {string.Join(", ", waiting)}. Tin nhắn vừa rồi là về sự cố đó hay là một sự cố mới? "
        + "Nhắn " + string.Join(" hoặc ", waiting.Select(code => $"\"về {code}\"")) + " để gửi cho sự cố đó, hoặc \"báo mới\".";

    public static string Sent(string code, bool resumed) =>
        $"Đã gửi thông tin của bạn đến cơ quan xử lý sự cố {code}" +
        (resumed ? "; sự cố tiếp tục được xử lý. Cảm ơn bạn!" : ". Cảm ơn bạn! Chúng tôi sẽ nhắn khi có cập nhật.");

    public static string NotOpen(string code) =>
        $"Sự cố {code} không còn nhận thêm thông tin (đã xử lý xong hoặc đã kết thúc). Nếu sự việc vẫn còn, hãy nhắn để báo sự cố mới.";

    public static string NothingHeld(string code) =>
        $"Bạn muốn bổ sung gì cho sự cố {code}? Hãy nhắn nội dung, gửi ảnh hoặc vị trí.";
}
