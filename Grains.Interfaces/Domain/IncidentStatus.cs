namespace BacGiang.Incidents.Domain;

[GenerateSerializer]
public enum IncidentStatus
{
    Received,
    Assigned,
    Acknowledged,
    InProgress,
    Resolved,
    Closed,
    Rejected,
    Merged,
    /// <summary>Waiting for information from the citizen; the resolve clock pauses if the SLA policy says so.</summary>
    Waiting,
}

public static class IncidentStatusExtensions
{
    // Terminal incidents leave every inbox and queue; nothing but a supervisor's merge/split touches them again.
    /// <summary>Still somebody's work: not resolved and not ended.</summary>
    public static bool IsOpen(this IncidentStatus status) => !status.IsTerminal() && status != IncidentStatus.Resolved;

    public static bool IsTerminal(this IncidentStatus status) =>
        status is IncidentStatus.Closed or IncidentStatus.Rejected or IncidentStatus.Merged;
}
