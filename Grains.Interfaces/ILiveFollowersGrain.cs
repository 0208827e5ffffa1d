namespace BacGiang.Incidents;

/// <summary>
/// The communes followed, numbered: a silo keeps the newest it has seen, so a renewal's answer that crossed a newer
/// push on the way cannot put back a set that lacks a just-followed commune.
/// </summary>
[GenerateSerializer, Immutable, Alias("FollowedCommunes")]
public sealed record FollowedCommunes([property: Id(0)] Guid Activation, [property: Id(1)] long Version, [property: Id(2)] IReadOnlyList<string> Communes)
{
    public static readonly FollowedCommunes None = new(Guid.Empty, 0, []);

    /// <summary>Whether this set supersedes <paramref name="known"/>: newer from the same activation, or from another one.</summary>
    public bool Supersedes(FollowedCommunes known) => Activation != known.Activation || Version >= known.Version;
}

/// <summary>Told by silos when the communes followed live change.</summary>
[Alias("ILiveFollowersObserver")]
public interface ILiveFollowersObserver : IGrainObserver
{
    [Alias("Followed")]
    Task Followed(FollowedCommunes communes);
}

/// <summary>
/// Which communes have a console following them live (key 0, in memory). Incidents publish live updates only for
/// those, so a silo with 100,000 incidents and no one watching does no streaming work at all.
/// </summary>
[Alias("ILiveFollowersGrain")]
public interface ILiveFollowersGrain : IGrainWithIntegerKey
{
    /// <summary>A console follows the commune for the next two minutes (consoles renew while open); returns once every silo knows.</summary>
    [Alias("Follow")]
    Task Follow(string commune);

    /// <summary>A silo asks to be told of changes (renewed every half minute) and gets the current set.</summary>
    [Alias("Subscribe")]
    Task<FollowedCommunes> Subscribe(ILiveFollowersObserver silo);
}
