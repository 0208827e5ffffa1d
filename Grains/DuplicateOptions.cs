using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Grains;

/// <summary>Duplicate detection for citizens' reports (section "Duplicates").</summary>
public sealed class DuplicateOptions
{
    public const string Section = "Duplicates";

    /// <summary>A report of the same category within this distance of an open incident's location joins it.</summary>
    [Range(1, 5000)]
    public double RadiusMeters { get; set; } = 150;

    /// <summary>Only incidents reported this recently count as the same thing.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The channels whose reports are checked: citizens' (cameras correlate their own alerts).</summary>
    public List<string> Channels { get; set; } = ["app", "zalo", "open311"];
}
