using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.ReadModel;

/// <summary>What the read model is asked about a report that may be a duplicate: an open incident of this category near here, this recent.</summary>
public sealed record DuplicateQuery(string Category, GeoPoint At, Instant Since, double RadiusMeters);

/// <summary>
/// What the intake needs to know before filing under a tracking code: whether an incident already holds the code (a
/// retry of a report that became it), and the open incident the report is probably about, if any.
/// </summary>
public sealed record IntakeLookup(bool CodeTaken, string? Duplicate);

/// <summary>Looks up, in the log and the read model, what a new report meets.</summary>
public interface IDuplicateFinder
{
    /// <summary>
    /// In one round trip: whether <paramref name="trackingCode"/> has an incident (events, or state of a previous
    /// version), and, for a <paramref name="query"/>, the nearest open incident of its category reported since its
    /// instant within its radius of its point.
    /// </summary>
    Task<IntakeLookup> Lookup(string trackingCode, DuplicateQuery? query, CancellationToken cancellationToken = default);
}
