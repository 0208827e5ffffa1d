using BacGiang.Incidents.ReadModel;
using NodaTime;

namespace BacGiang.Incidents.Grains;

public sealed class ProjectionMonitorGrain(IClock clock) : Grain, IProjectionMonitorGrain
{
    // A silo that has not reported for this long is gone (or cannot reach us); its queue died with it and its
    // incidents re-send from their outboxes wherever they reactivate.
    private static readonly Duration Forget = Duration.FromSeconds(30);

    private readonly Dictionary<string, (ProjectionStatus Status, Instant At)> silos = new(StringComparer.Ordinal);

    public Task Report(string silo, ProjectionStatus status)
    {
        silos[silo] = (status, clock.GetCurrentInstant());
        return Task.CompletedTask;
    }

    public Task<ProjectionReport> Get()
    {
        var cutoff = clock.GetCurrentInstant() - Forget;
        foreach (var gone in silos.Where(s => s.Value.At < cutoff).Select(s => s.Key).ToList()) silos.Remove(gone);
        return Task.FromResult(new ProjectionReport { Silos = silos.ToDictionary(s => s.Key, s => s.Value.Status) });
    }
}
