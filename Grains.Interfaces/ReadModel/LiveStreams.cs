namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// Live fan-out of changes to consoles (provider "live"): a commune publishes its incidents' summaries on namespace
/// "communes", an agency its incidents' summaries and its crews' board changes on "agencies"; the key is the unit's
/// code. Live only, and only while someone follows: a console that misses one refetches from the read model.
/// </summary>
public static class LiveStreams
{
    public const string Provider = "live";
    public const string Communes = "communes";
    public const string Agencies = "agencies";
}
