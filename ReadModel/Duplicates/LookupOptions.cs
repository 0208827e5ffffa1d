using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.ReadModel;

/// <summary>How the silo sends the intake's lookups to PostgreSQL.</summary>
public sealed class LookupOptions
{
    public const string Section = "Lookups";

    /// <summary>Most lookups sent in one statement.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 200;

    /// <summary>Statements on the wire at once: while they run, the next lookups gather behind them.</summary>
    [Range(1, 16)]
    public int Senders { get; set; } = 2;
}
