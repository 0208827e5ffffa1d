namespace BacGiang.Incidents.FieldDispatch;

/// <summary>Where a crew is in a job. The API and the crew page spell these as <see cref="CrewStatusText"/> gives.</summary>
[GenerateSerializer]
public enum CrewStatus
{
    Available,
    /// <summary>The dispatcher gave it a job; the crew has not yet set off (or declined).</summary>
    Assigned,
    EnRoute,
    OnScene,
    /// <summary>Off the board: broken down, refuelling, off shift. Never suggested.</summary>
    OutOfService,
}

public static class CrewStatusText
{
    public static string Of(CrewStatus status) => status switch
    {
        CrewStatus.Available => "available",
        CrewStatus.Assigned => "assigned",
        CrewStatus.EnRoute => "en_route",
        CrewStatus.OnScene => "on_scene",
        CrewStatus.OutOfService => "out_of_service",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? text, out CrewStatus status)
    {
        foreach (var s in Enum.GetValues<CrewStatus>())
            if (Of(s) == text?.Trim()) { status = s; return true; }
        status = default;
        return false;
    }
}
