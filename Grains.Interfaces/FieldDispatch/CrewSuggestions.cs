using BacGiang.Incidents.Domain;
using NodaTime;

namespace BacGiang.Incidents.FieldDispatch;

/// <summary>
/// Ranks crews for an incident so the dispatcher sees the likeliest one first. The dispatcher still chooses: busy crews are
/// listed (after every available one) because a P1 fire may justify pulling a crew off a pothole; out-of-service crews are not.
/// </summary>
public static class CrewSuggestions
{
    /// <summary>
    /// Order: available before busy; within each, fresh positions, then stale, then unknown; then by distance plus
    /// <see cref="DispatchOptions.MetresPerOpenJob"/> per open job (whole metres); then fewer open jobs; then crew id.
    /// </summary>
    public static IReadOnlyList<CrewSuggestion> Rank(GeoPoint incident, IEnumerable<CrewSnapshot> crews, Instant now, DispatchOptions options)
    {
        var ranked = crews
            .Where(c => c.Status != CrewStatus.OutOfService)
            .Select(c =>
            {
                var distance = c.Position is { } p ? Distance.Metres(incident, p) : (double?)null;
                var state = c.Position is null || c.PositionAt is null ? PositionState.Unknown
                    : now - c.PositionAt.Value <= options.FreshFor ? PositionState.Fresh
                    : PositionState.Stale;
                // Rounded so that crews a few millimetres apart tie and fall to the next key, not to floating-point noise.
                var cost = distance is { } d ? Math.Round(d + Math.Max(0, c.OpenJobs) * options.MetresPerOpenJob) : double.MaxValue;
                return (Crew: c, Distance: distance, State: state, Cost: cost);
            })
            .OrderBy(x => x.Crew.Status == CrewStatus.Available ? 0 : 1)
            .ThenBy(x => x.State)
            .ThenBy(x => x.Cost)
            .ThenBy(x => x.Crew.OpenJobs)
            .ThenBy(x => x.Crew.CrewId, StringComparer.Ordinal)
            .ToList();
        return [.. ranked.Select((x, i) => new CrewSuggestion(i + 1, x.Crew, x.Distance, x.State))];
    }
}
