using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.ReadModel;

/// <summary>Read-model projection settings (section "Projection").</summary>
public sealed class ProjectionOptions
{
    public const string Section = "Projection";

    /// <summary>Most incidents written in one round trip.</summary>
    [Range(1, 10_000)]
    public int MaxBatch { get; set; } = 500;

    /// <summary>Batches written at once: while one is on the wire the next fills.</summary>
    [Range(1, 16)]
    public int Writers { get; set; } = 2;
}
