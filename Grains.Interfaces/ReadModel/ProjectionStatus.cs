using NodaTime;

namespace BacGiang.Incidents.ReadModel;

/// <summary>How far one silo's read-model projection is behind.</summary>
[GenerateSerializer, Immutable, Alias("ProjectionStatus")]
public sealed record ProjectionStatus
{
    /// <summary>Incidents waiting for their batch or in one being written.</summary>
    [Id(0)] public int Pending { get; init; }
    /// <summary>Incidents whose last projection failed and which will retry from their outbox.</summary>
    [Id(1)] public int Failing { get; init; }
    /// <summary>Age of the oldest change not yet in the read model (zero when caught up).</summary>
    [Id(2)] public Duration Lag { get; init; }
    [Id(3)] public long ProjectedEvents { get; init; }
    [Id(4)] public long FailedBatches { get; init; }
}

/// <summary>The cluster's projection as the silos last reported it.</summary>
[GenerateSerializer, Immutable, Alias("ProjectionReport")]
public sealed record ProjectionReport
{
    [Id(0)] public required IReadOnlyDictionary<string, ProjectionStatus> Silos { get; init; }
    public int Pending => Silos.Values.Sum(s => s.Pending);
    public int Failing => Silos.Values.Sum(s => s.Failing);
    public Duration Lag => Silos.Count == 0 ? Duration.Zero : Silos.Values.Max(s => s.Lag);
}
