namespace BacGiang.Incidents.FieldDispatch;

/// <summary>
/// Whether a status change may happen. A refusal says why, and names where the crew is and where this actor could
/// take it instead, so the crew page can offer only the buttons that will work.
/// </summary>
public sealed record CrewStatusDecision(bool Allowed, string? Refusal, CrewStatus Current, IReadOnlyList<CrewStatus> AllowedNext)
{
    public static CrewStatusDecision Allow(CrewStatus current, IReadOnlyList<CrewStatus> next) => new(true, null, current, next);
    public static CrewStatusDecision Refuse(string why, CrewStatus current, IReadOnlyList<CrewStatus> next) => new(false, why, current, next);
}
