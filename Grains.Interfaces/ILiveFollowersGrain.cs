namespace BacGiang.Incidents;

/// <summary>Told by silos when the communes followed live change.</summary>
[Alias("ILiveFollowersObserver")]
public interface ILiveFollowersObserver : IGrainObserver
{
    [Alias("Followed")]
    Task Followed(IReadOnlyList<string> communes);
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
    Task<IReadOnlyList<string>> Subscribe(ILiveFollowersObserver silo);
}
