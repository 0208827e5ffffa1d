using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Grains;

/// <summary>When an incident writes a snapshot of its state with an append (section "Snapshots"; ADR 0002).</summary>
public sealed class SnapshotOptions
{
    public const string Section = "Snapshots";

    /// <summary>Events between snapshots at least: most incidents never reach this, and so never write one.</summary>
    [Range(1, 1_000_000)]
    public int MinEvents { get; set; } = 200;

    /// <summary>
    /// What a snapshot may add to each event's bytes, spread over the events until the next: a large state (an
    /// incident with thousands of idempotent commands) is written more rarely, so bytes per event stay flat.
    /// </summary>
    [Range(1, 1_000_000)]
    public int BytesPerEvent { get; set; } = 64;
}
