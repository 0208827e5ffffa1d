using System.Collections.Concurrent;
using Orleans.Runtime;

namespace BacGiang.Incidents;

/// <summary>
/// References to string-keyed grains on the paths every report takes. Orleans' <c>GetGrain&lt;T&gt;(key)</c> works out
/// the interface's grain type again on each call, formatting type names as it goes: in a CPU profile of the intake
/// that was about 6% of the silo's time (three references per report) and of the API's. Here it is worked out once per
/// interface, and each reference is made from its grain id. One per silo or client: a reference belongs to the
/// runtime that made it.
/// </summary>
public sealed class GrainReferences(IGrainFactory factory)
{
    private readonly ConcurrentDictionary<Type, (GrainType Type, GrainInterfaceType Interface)> resolved = new();

    public T Get<T>(string key) where T : IGrainWithStringKey
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(key);
        var (type, interfaceType) = resolved.GetOrAdd(typeof(T), static (_, f) =>
        {
            var probe = (GrainReference)(object)f.GetGrain<T>("resolve");
            return (probe.GrainId.Type, probe.InterfaceType);
        }, factory);
        return (T)factory.GetGrain(GrainId.Create(type, key), interfaceType);
    }
}
