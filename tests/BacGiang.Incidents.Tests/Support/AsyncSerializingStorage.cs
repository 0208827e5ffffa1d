using System.Collections.Concurrent;
using System.Globalization;
using Orleans.Storage;

namespace BacGiang.Incidents.Tests.Support;

/// <summary>
/// In-memory grain storage that serializes the state only after an await, on a thread-pool thread: what the
/// ADO.NET provider does whenever opening a pooled connection does not complete at once. Grains must not change
/// state objects they have handed to a write; with this storage a test sees it when they do. All silos of a test
/// cluster share one <see cref="Store"/>, as they share one database: a grain reactivated on another silo must
/// find what the first activation wrote.
/// </summary>
public sealed class AsyncSerializingStorage(IGrainStorageSerializer serializer, AsyncSerializingStorage.Store shared) : IGrainStorage
{
    public sealed class Store : ConcurrentDictionary<(string, GrainId), (BinaryData Data, int Version)>;

    private readonly Store store = shared;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        if (store.TryGetValue((stateName, grainId), out var entry))
        {
            grainState.State = serializer.Deserialize<T>(entry.Data);
            grainState.ETag = entry.Version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        await Task.Delay(1).ConfigureAwait(false);
        var data = serializer.Serialize(grainState.State);
        lock (store)
        {
            var current = store.TryGetValue((stateName, grainId), out var entry) ? entry.Version.ToString(CultureInfo.InvariantCulture) : null;
            if (current != grainState.ETag)
                throw new InconsistentStateException($"Stored version {current ?? "none"} is not the expected {grainState.ETag ?? "none"}.", current, grainState.ETag);
            var version = (entry.Version) + 1;
            store[(stateName, grainId)] = (data, version);
            grainState.ETag = version.ToString(CultureInfo.InvariantCulture);
            grainState.RecordExists = true;
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        store.TryRemove((stateName, grainId), out _);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }
}
