namespace BacGiang.Incidents.ReadModel;

/// <summary>
/// Live fan-out of incident changes to consoles: after each projection an incident publishes its summary on
/// the stream of its commune (provider "live", namespace "communes", key = commune code). Live only: a console
/// that misses one refetches its list from the read model.
/// </summary>
public static class LiveStreams
{
    public const string Provider = "live";
    public const string Communes = "communes";
}
