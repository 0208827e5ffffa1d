using BacGiang.Incidents.Sla;

namespace BacGiang.Incidents.Notifications;

/// <summary>
/// One fired ladder step, as notifications and their acknowledgements name it: "BG-7K3M-Q9TX:ack:0:1:2"
/// (incident, kind, round, level, repeat). A notification's id adds the person and channel, so a retry or a
/// restart that queues the same step again names the same notification.
/// </summary>
public readonly record struct EscalationId(string IncidentId, EscalationKind Kind, int Round, int Level, int Repeat)
{
    public override string ToString() => $"{IncidentId}:{KindName(Kind)}:{Round}:{Level}:{Repeat}";

    public string NotificationId(string staffId, string channel) => $"{this}:{staffId}:{channel}";

    public static string KindName(EscalationKind kind) => ReadModel.ReadModelNames.Of(kind);

    public static bool TryParse(string? text, out EscalationId id)
    {
        id = default;
        var parts = text?.Split(':');
        if (parts is not { Length: 5 }) return false;
        EscalationKind? kind = parts[1] switch { "ack" => EscalationKind.Ack, "resolve" => EscalationKind.Resolve, _ => null };
        if (kind is null || !int.TryParse(parts[2], out var round) || !int.TryParse(parts[3], out var level) || !int.TryParse(parts[4], out var repeat)
            || round < 0 || level < 1 || repeat < 0 || string.IsNullOrWhiteSpace(parts[0]))
            return false;
        id = new EscalationId(parts[0], kind.Value, round, level, repeat);
        return true;
    }
}
