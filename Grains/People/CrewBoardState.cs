using BacGiang.Incidents.Domain;
using BacGiang.Incidents.FieldDispatch;
using NodaTime;

namespace BacGiang.Incidents.Grains.People;

/// <summary>An agency's crews as its board stores them, by crew id. A crew never stored is available at its home base.</summary>
[GenerateSerializer, Alias("CrewBoardState")]
public sealed class CrewBoardState
{
    [Id(0)] public Dictionary<string, CrewEntry> Crews { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Alias("CrewEntry")]
public sealed class CrewEntry
{
    [Id(0)] public CrewStatus Status { get; set; }
    [Id(1)] public Instant StatusSince { get; set; }
    [Id(2)] public string? Job { get; set; }
    /// <summary>The incident's seq when the crew took the job: summaries of it up to here predate the assignment.</summary>
    [Id(3)] public long JobSeq { get; set; }
    [Id(4)] public bool Accepted { get; set; }
    [Id(5)] public GeoPoint? Position { get; set; }
    [Id(6)] public Instant? PositionAt { get; set; }
    [Id(7)] public string? Reason { get; set; }
    [Id(8)] public long Version { get; set; }
}
