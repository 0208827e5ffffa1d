using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>
/// A crew as the agency console, the dashboard map and the crew page show it: who it is (from data/crews.csv) and
/// where it stands on its agency's board. <see cref="Job"/> is the incident it holds; <see cref="Accepted"/> says the
/// crew took that job (it stays <c>assigned</c> until it sets off).
/// </summary>
[GenerateSerializer, Immutable, Alias("CrewView")]
public sealed record CrewView
{
    [Id(0)] public required string CrewId { get; init; }
    [Id(1)] public required string Agency { get; init; }
    [Id(2)] public required string Name { get; init; }
    [Id(3)] public required string Kind { get; init; }
    [Id(4)] public required GeoPoint Home { get; init; }
    [Id(5)] public required IReadOnlyList<string> Members { get; init; }
    [Id(6)] public required string Shift { get; init; }
    [Id(7)] public required CrewStatus Status { get; init; }
    [Id(8)] public required Instant StatusSince { get; init; }
    [Id(9)] public string? Job { get; init; }
    [Id(10)] public bool Accepted { get; init; }
    [Id(11)] public GeoPoint? Position { get; init; }
    [Id(12)] public Instant? PositionAt { get; init; }
    /// <summary>Why the crew last left a job or went out of service.</summary>
    [Id(13)] public string? Reason { get; init; }
    /// <summary>Counts every change of this crew on the board, so a console keeps the newest of two updates.</summary>
    [Id(14)] public long Version { get; init; }

    /// <summary>For the ranking: a crew that has never reported is taken to be at its home base (position unknown, distance from home).</summary>
    public CrewSnapshot ToSnapshot() => new(CrewId, Name, Agency, Status, Position ?? Home, PositionAt, Job is null ? 0 : 1);
}
