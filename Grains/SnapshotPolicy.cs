namespace BacGiang.Incidents.Grains;

/// <summary>
/// Whether an append carries a new snapshot: once <see cref="SnapshotOptions.MinEvents"/> events have followed the
/// last one, and enough of them to spread its size at <see cref="SnapshotOptions.BytesPerEvent"/>. An activation then
/// reads the snapshot and at most that many events, instead of the whole log.
/// </summary>
public sealed class SnapshotPolicy(SnapshotOptions options)
{
    public bool Due(long eventsSinceSnapshot, int lastSnapshotBytes) =>
        eventsSinceSnapshot >= Math.Max(options.MinEvents, lastSnapshotBytes / options.BytesPerEvent);
}
