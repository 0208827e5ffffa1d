using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Grains;

/// <summary>Camera alert correlation (section "Cameras").</summary>
public sealed class CameraOptions
{
    public const string Section = "Cameras";

    /// <summary>An alert of a type seen from the same camera within this time of the last one attaches to its incident.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan CorrelationWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Alerts less sure than this open incidents in provincial triage, for a person to look at first.</summary>
    [Range(0.0, 1.0)]
    public double MinConfidence { get; set; } = 0.6;

    /// <summary>How often a camera passes its new alert counts to the incidents; one write per incident per flush, not per alert.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);
}
