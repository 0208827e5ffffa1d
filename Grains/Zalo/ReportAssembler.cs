using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Reference;
using BacGiang.Incidents.ReadModel;
using NodaTime;

namespace BacGiang.Incidents.Grains.Zalo;

/// <summary>A report being put together in a Zalo chat, message by message.</summary>
[GenerateSerializer, Alias("ZaloDraft")]
public sealed class ZaloDraft
{
    [Id(0)] public string? Description { get; set; }
    [Id(1)] public string? Category { get; set; }
    [Id(2)] public string? CommuneCode { get; set; }
    [Id(3)] public GeoPoint? Location { get; set; }
    [Id(4)] public string? Address { get; set; }
    [Id(5)] public List<string> Photos { get; set; } = [];
    [Id(6)] public bool PhotoDeclined { get; set; }
    /// <summary>What was last asked: the next text answers it.</summary>
    [Id(7)] public string? AskedFor { get; set; }
    [Id(8)] public string? FirstMsgId { get; set; }
    /// <summary>Chosen and stored before filing, so a retry after a crash files the same incident.</summary>
    [Id(9)] public string? TrackingCode { get; set; }
    /// <summary>
    /// An emergency filed before the draft was complete: the incident that what is still asked for is added to.
    /// </summary>
    [Id(10)] public string? FiledAs { get; set; }
}

/// <summary>
/// The chat rules, as a plain class: what a message adds to the draft, what is still missing, the question that
/// asks for it in Vietnamese, and the report once complete. A report needs what happened, where (a shared location
/// or an address), the commune, and a photo or an explicit "không". An emergency (a P1 category: fire, flood, traffic
/// accident…) is filed as soon as its category and any hint of the place (a location, an address or a commune) are
/// known, with the emergency numbers in the reply; the rest is asked afterwards and added to the same incident.
/// </summary>
public sealed class ReportAssembler(ReferenceData reference, Func<string, bool> servesCommune)
{
    public const string AskDescription = "description", AskLocation = "location", AskCommune = "commune", AskPhoto = "photo";
    public const int MaxDescription = 4000;

    // Folded (no tone marks, lower case) words that suggest a category; the first match wins, so specific phrases come first.
    private static readonly (string Category, string[] Words)[] Keywords =
    [
        ("traffic_accident", ["tai nan", "va cham", "dam xe"]),
        ("electricity_outage", ["mat dien", "cup dien", "chap dien"]),
        ("water_supply", ["mat nuoc", "vo ong nuoc", "nuoc sach"]),
        ("street_light", ["den duong", "den chieu sang"]),
        ("illegal_construction", ["xay dung trai phep", "xay trai phep", "lan chiem"]),
        ("illegal_parking", ["do xe", "dau xe"]),
        ("crowd_disorder", ["tu tap", "gay roi", "danh nhau"]),
        ("environment_pollution", ["o nhiem", "mui hoi", "xa thai"]),
        ("flood", ["ngap", "lut"]),
        ("fire", ["chay", "khoi", "boc lua"]),
        ("road_damage", ["o ga", "sut lun", "hong duong", "nut duong"]),
        ("garbage_dumping", ["rac"]),
    ];

    private static readonly HashSet<string> No = new(StringComparer.Ordinal) { "khong", "ko", "k", "khong co", "khong co anh", "no" };

    public void Apply(ZaloDraft draft, ZaloIncoming message, Instant now)
    {
        draft.FirstMsgId ??= message.MsgId;
        switch (message.Kind)
        {
            case ZaloMessageKind.Image when message.ImageUrl is { } url:
                if (draft.Photos.Count < 10) draft.Photos.Add(url);
                break;
            case ZaloMessageKind.Location when message.Location is { } point:
                draft.Location = point;
                if (!string.IsNullOrWhiteSpace(message.Text)) draft.Address ??= message.Text.Trim();
                draft.CommuneCode ??= FindCommune(message.Text, now);
                break;
            case ZaloMessageKind.Text when !string.IsNullOrWhiteSpace(message.Text):
                ApplyText(draft, message.Text.Trim(), now);
                break;
        }
    }

    private void ApplyText(ZaloDraft draft, string text, Instant now)
    {
        var folded = SearchText.Fold(text);
        if (draft.AskedFor == AskPhoto && No.Contains(folded.Trim('.', '!', ' ')))
        {
            draft.PhotoDeclined = true;
            return;
        }
        var commune = FindCommune(text, now);
        if (draft.Description is null)
        {
            draft.Description = text;
            draft.Category = GuessCategory(folded);
        }
        else if (draft.AskedFor == AskLocation && draft.Location is null)
        {
            draft.Address = text;
        }
        else if (draft.AskedFor != AskCommune || commune is null)
        {
            draft.Description = (draft.Description + "\n" + text) is { Length: <= MaxDescription } longer ? longer : draft.Description;
        }
        draft.CommuneCode ??= commune;
    }

    /// <summary>Whether the draft's category is one where lives may be at stake (its default priority is P1).</summary>
    public bool IsEmergency(ZaloDraft draft) =>
        draft.Category is { } category && reference.Categories.TryGetValue(category, out var known) && known.DefaultPriority == Priority.P1;

    /// <summary>
    /// Whether the draft should be filed now: when complete, or, for an emergency, as soon as anything says where
    /// (routing sends it to triage when the commune is not known yet). Never twice.
    /// </summary>
    public bool FileNow(ZaloDraft draft) =>
        draft.FiledAs is null && draft.Description is not null
        && (Missing(draft) is null || (IsEmergency(draft) && (draft.Location is not null || draft.Address is not null || draft.CommuneCode is not null)));

    /// <summary>
    /// What a message sent after an early (emergency) filing adds to that incident, as a report of the same citizen;
    /// null when it adds nothing (the "không" that declines a photo). Applied to the draft first (<see cref="Apply"/>).
    /// </summary>
    public ReportDetails? FollowUp(ZaloDraft draft, ZaloIncoming message, string userId, Instant now)
    {
        string description;
        List<string> photos = [];
        GeoPoint? location = null;
        string? address = null, commune = null;
        switch (message.Kind)
        {
            case ZaloMessageKind.Image when message.ImageUrl is { } url:
                (description, photos) = ("Ảnh hiện trường gửi bổ sung.", [url]);
                break;
            case ZaloMessageKind.Location when message.Location is { } point:
                (description, location) = ("Vị trí gửi bổ sung.", point);
                address = string.IsNullOrWhiteSpace(message.Text) ? null : message.Text.Trim();
                commune = FindCommune(message.Text, now);
                break;
            case ZaloMessageKind.Text when !string.IsNullOrWhiteSpace(message.Text):
                var text = message.Text.Trim();
                if (draft.AskedFor == AskPhoto && No.Contains(SearchText.Fold(text).Trim('.', '!', ' '))) return null;
                description = text.Length <= MaxDescription ? text : text[..MaxDescription];
                address = draft.AskedFor == AskLocation ? text : null;
                commune = FindCommune(text, now);
                break;
            default:
                return null;
        }
        return new ReportDetails
        {
            Category = draft.Category ?? "other",
            Description = description,
            Location = location,
            CommuneCode = commune,
            Address = address,
            Photos = photos,
            Channel = "zalo",
            IdempotencyKey = $"zalo:{userId}:{message.MsgId}",
            RequestFingerprint = $"zalo:{userId}:{message.MsgId}",
            ReplyTo = userId,
        };
    }

    public const string EmergencyNumbers =
        "Nếu có người gặp nguy hiểm, hãy gọi ngay 114 (cứu hỏa, cứu nạn cứu hộ), 113 (công an), 115 (cấp cứu).";

    /// <summary>The reply to an emergency filed early: its code, the numbers to call, and the next question if any.</summary>
    public static string EmergencyFiled(string trackingCode, bool joined, string? next) =>
        (joined
            ? $"Tin báo khẩn cấp của bạn đã được ghi thêm vào sự cố {trackingCode} đang được xử lý."
            : $"Tin báo khẩn cấp của bạn đã được chuyển ngay đến cơ quan chức năng, mã {trackingCode}.")
        + " " + EmergencyNumbers + (next is null ? "" : "\n" + Question(next, again: false) + " (Thông tin sẽ được bổ sung vào sự cố này.)");

    /// <summary>The reply to a follow-up added to an early-filed incident: what is still asked, or thanks.</summary>
    public static string Added(string trackingCode, bool added, string? next) =>
        (added ? $"Đã bổ sung vào sự cố {trackingCode}. " : "") + (next ?? "Cảm ơn bạn! Chúng tôi sẽ nhắn khi có cập nhật.");

    /// <summary>What to ask for next, or null when the report is complete.</summary>
    public static string? Missing(ZaloDraft draft) =>
        draft.Description is null ? AskDescription
        : draft.Location is null && draft.Address is null ? AskLocation
        : draft.CommuneCode is null ? AskCommune
        : draft.Photos.Count == 0 && !draft.PhotoDeclined ? AskPhoto
        : null;

    /// <summary>
    /// The question to send after a message (recorded in the draft as what was asked), or null when the report is
    /// complete and should be filed.
    /// </summary>
    public static string? Ask(ZaloDraft draft, ZaloIncoming message)
    {
        if (Missing(draft) is not { } missing) return null;
        // Only a text answers a question: a photo or a location sent meanwhile is kept (Apply), and the same
        // question comes again as it was, not as though the text had named a commune we do not know.
        var again = draft.AskedFor == missing && message.Kind == ZaloMessageKind.Text;
        draft.AskedFor = missing;
        return Question(missing, again);
    }

    public static string Question(string missing, bool again) => missing switch
    {
        AskDescription => "Xin chào! Bạn muốn báo sự cố gì? Hãy mô tả ngắn gọn điều đang xảy ra.",
        AskLocation => "Sự cố ở đâu? Hãy bấm Gửi vị trí trong Zalo, hoặc nhắn địa chỉ cụ thể.",
        AskCommune => again
            ? "Chưa tìm thấy xã/phường này trong danh mục. Vui lòng nhắn lại tên xã/phường, ví dụ: Đại Sơn."
            : "Sự cố thuộc xã/phường nào? Ví dụ: Đại Sơn.",
        AskPhoto => "Bạn có ảnh chụp hiện trường không? Hãy gửi ảnh, hoặc nhắn \"không\".",
        _ => throw new ArgumentOutOfRangeException(nameof(missing), missing, null),
    };

    public static string Filed(string trackingCode) =>
        $"Cảm ơn bạn! Sự cố đã được ghi nhận với mã {trackingCode}. Chúng tôi sẽ nhắn cho bạn khi có cập nhật.";

    public static string Joined(string trackingCode) =>
        $"Cảm ơn bạn! Sự cố này đã được báo trước đó, mã {trackingCode}; báo cáo của bạn đã được ghi thêm vào. Chúng tôi sẽ nhắn khi có cập nhật.";

    /// <summary>
    /// The status update a Zalo reporter gets. A resolution says its true outcome: "xử lý xong" only for fixed;
    /// not_fixed says it could not be fixed and why; not_responsible names the body it was referred to.
    /// </summary>
    public static string StatusUpdate(string trackingCode, IncidentStatus status, Resolution? resolution = null) => $"Sự cố {trackingCode}: " + status switch
    {
        IncidentStatus.Assigned => "đã được chuyển đến xã và cơ quan xử lý.",
        IncidentStatus.Acknowledged => "xã đã tiếp nhận.",
        IncidentStatus.InProgress => "đang được xử lý.",
        IncidentStatus.Waiting => "cơ quan xử lý cần thêm thông tin từ bạn; vui lòng nhắn lại cho chúng tôi.",
        IncidentStatus.Resolved => Outcome(resolution) + $" Nếu chưa ổn, bạn có thể nhắn \"mở lại {trackingCode}\" trong {IncidentLifecycle.ReopenWindow.Days} ngày.",
        IncidentStatus.Closed => resolution is { Outcome: not ResolutionOutcome.Fixed } ? "đã đóng; kết quả: " + Outcome(resolution) : "đã đóng. Cảm ơn bạn đã báo tin.",
        IncidentStatus.Rejected => "không được tiếp nhận là sự cố.",
        IncidentStatus.Merged => "đã được gộp với một báo cáo khác cùng sự việc.",
        _ => "đang chờ phân loại.",
    };

    public static string Outcome(Resolution? resolution) => resolution switch
    {
        { Outcome: ResolutionOutcome.NotFixed } r =>
            "chưa thể khắc phục được" + (Because(r.Reason ?? r.Note) is { } why ? ". Lý do: " + why : "."),
        { Outcome: ResolutionOutcome.NotResponsible } r =>
            "không thuộc thẩm quyền của cơ quan đã nhận; sự cố đã được chuyển đến " + (string.IsNullOrWhiteSpace(r.ReferredTo) ? "cơ quan có thẩm quyền" : r.ReferredTo.Trim()) + ".",
        { Note: var note } when Because(note) is { } done => "đã được xử lý xong. " + done,
        _ => "đã được xử lý xong.",
    };

    /// <summary>A staff text as the end of a sentence (trimmed, closed with a full stop), or null when empty.</summary>
    private static string? Because(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim() is var t && ".!?".Contains(t[^1]) ? t : t + ".";

    public ReportDetails ToReport(ZaloDraft draft, string userId) => new()
    {
        Category = draft.Category ?? "other",
        Description = draft.Description!,
        Location = draft.Location,
        CommuneCode = draft.CommuneCode,
        Address = draft.Address,
        Photos = [.. draft.Photos],
        Channel = "zalo",
        IdempotencyKey = $"zalo:{userId}:{draft.FirstMsgId}",
        RequestFingerprint = $"zalo:{userId}:{draft.FirstMsgId}",
        ReplyTo = userId,
    };

    public static string? GuessCategory(string folded)
    {
        var padded = " " + folded + " ";
        foreach (var (category, words) in Keywords)
            if (words.Any(w => padded.Contains(" " + w, StringComparison.Ordinal)))
                return category;
        return null;
    }

    /// <summary>The served commune whose name appears in the text (the longest, so "Sơn Động" is not read as "Sơn").</summary>
    public string? FindCommune(string? text, Instant now)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var padded = " " + SearchText.Fold(text).Replace(',', ' ').Replace('.', ' ') + " ";
        return reference.CommunesInForce(ReferenceData.DateOf(now))
            .Where(u => servesCommune(u.Code))
            .Select(u => (u.Code, Name: SearchText.Fold(u.Name.Replace("Xã ", "").Replace("Phường ", ""))))
            .Where(u => padded.Contains(" " + u.Name + " ", StringComparison.Ordinal))
            .OrderByDescending(u => u.Name.Length)
            .Select(u => u.Code)
            .FirstOrDefault();
    }
}
