using NodaTime;

namespace BacGiang.Incidents.Grains;

public sealed class LiveFollowersGrain(IClock clock) : Grain, ILiveFollowersGrain
{
    private static readonly Duration FollowFor = Duration.FromMinutes(2);
    // Silos renew every half minute; one silent for longer is gone.
    private static readonly Duration SiloSilence = Duration.FromMinutes(1);
    private readonly Dictionary<string, Instant> until = new(StringComparer.Ordinal);
    private readonly Dictionary<ILiveFollowersObserver, Instant> silos = [];
    // Silos order the sets they are sent by these; a new activation starts a new series.
    private readonly Guid activation = Guid.NewGuid();
    private long version;

    public async Task Follow(string commune)
    {
        var now = clock.GetCurrentInstant();
        var isNew = !until.TryGetValue(commune, out var expires) || expires < now;
        until[commune] = now + FollowFor;
        if (!isNew) return;
        // A newly followed commune must be known on every silo before the console is told it is live.
        var current = Current(now);
        foreach (var gone in silos.Where(s => now - s.Value > SiloSilence).Select(s => s.Key).ToList()) silos.Remove(gone);
        await Task.WhenAll(silos.Keys.Select(async silo =>
        {
            try
            {
                await silo.Followed(current);
            }
            catch (Exception)
            {
                silos.Remove(silo); // its next renewal brings it back with the current set
            }
        }));
    }

    public Task<FollowedCommunes> Subscribe(ILiveFollowersObserver silo)
    {
        var now = clock.GetCurrentInstant();
        silos[silo] = now;
        return Task.FromResult(Current(now));
    }

    private FollowedCommunes Current(Instant now)
    {
        foreach (var gone in until.Where(u => u.Value < now).Select(u => u.Key).ToList()) until.Remove(gone);
        return new FollowedCommunes(activation, ++version, [.. until.Keys]);
    }
}
