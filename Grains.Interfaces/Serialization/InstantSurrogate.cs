using NodaTime;

namespace BacGiang.Incidents.Serialization;

// Orleans cannot serialize NodaTime types on its own; the surrogate keeps the full nanosecond precision so persisted
// state round-trips exactly. Days is nonzero only beyond 1677-2262 (WideNanoseconds), so older state reads unchanged.
[GenerateSerializer, Immutable, Alias("InstantSurrogate")]
public readonly record struct InstantSurrogate([property: Id(0)] long UnixNanoseconds, [property: Id(1)] int Days = 0);

[RegisterConverter]
public sealed class InstantSurrogateConverter : IConverter<Instant, InstantSurrogate>
{
    public Instant ConvertFromSurrogate(in InstantSurrogate surrogate) =>
        NodaConstants.UnixEpoch + WideNanoseconds.Join(surrogate.UnixNanoseconds, surrogate.Days);

    public InstantSurrogate ConvertToSurrogate(in Instant value)
    {
        var (nanoseconds, days) = WideNanoseconds.Split(value - NodaConstants.UnixEpoch);
        return new(nanoseconds, days);
    }
}
