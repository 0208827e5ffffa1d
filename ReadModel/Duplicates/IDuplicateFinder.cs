using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.ReadModel;

/// <summary>What the read model is asked about a report that may be a duplicate: an open incident of this category near here, this recent.</summary>
public sealed record DuplicateQuery(string Category, GeoPoint At, Instant Since, double RadiusMeters);

/// <summary>Looks up, in the read model, an open incident a new report is probably about.</summary>
public interface IDuplicateFinder
{
    /// <summary>The nearest open incident of the query's category reported since its instant within its radius of its point.</summary>
    Task<string?> FindOpen(DuplicateQuery query, CancellationToken cancellationToken = default);
}
