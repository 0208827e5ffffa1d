using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>What the ranking knows of a crew at one moment. <see cref="Position"/> is null before the crew first reports.</summary>
public sealed record CrewSnapshot(
    string CrewId, string Name, string Agency, CrewStatus Status, GeoPoint? Position, Instant? PositionAt, int OpenJobs);
