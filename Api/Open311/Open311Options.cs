namespace BacGiang.Incidents.Api.Open311;

/// <summary>Open311 settings (section "Open311").</summary>
public sealed class Open311Options
{
    public const string Section = "Open311";

    /// <summary>API keys issued to third-party apps; POST /requests needs one of them.</summary>
    public List<string> ApiKeys { get; set; } = [];
}
