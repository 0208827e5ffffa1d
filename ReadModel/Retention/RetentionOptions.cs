using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.ReadModel;

/// <summary>How long personal data is kept (section "Retention", Decree 13/2023).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>
    /// Reporters' names, phones, chat ids, phone numbers and e-mail addresses in what anyone wrote about the incident,
    /// its photos, camera snapshots and plates: erased this long after it ended (closed, rejected or merged). Long enough for the province's
    /// complaints and reviews of a case; the incident itself, without them, is kept for the statistics.
    /// </summary>
    public TimeSpan ReporterContactAfterEnd { get; set; } = TimeSpan.FromDays(180);

    /// <summary>How often each silo looks for incidents whose personal data is due to be erased.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Most incidents one sweep erases.</summary>
    [Range(1, 10_000)] public int Batch { get; set; } = 200;
}
