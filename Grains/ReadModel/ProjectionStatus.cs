using NodaTime;

namespace BacGiang.Incidents.Grains.ReadModel;

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

/// <summary>Implemented by the projector so the silo can report on it.</summary>
public interface IProjectionStatusSource
{
    ProjectionStatus Status();
}
