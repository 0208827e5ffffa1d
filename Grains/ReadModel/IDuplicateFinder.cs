using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.Grains.ReadModel;

/// <summary>Looks up, in the read model, an open incident a new report is probably about.</summary>
public interface IDuplicateFinder
{
    /// <summary>The nearest open incident of <paramref name="category"/> reported since <paramref name="since"/> within <paramref name="radiusMeters"/> of <paramref name="at"/>.</summary>
    Task<string?> FindOpen(string category, GeoPoint at, Instant since, double radiusMeters, CancellationToken cancellationToken = default);
}
