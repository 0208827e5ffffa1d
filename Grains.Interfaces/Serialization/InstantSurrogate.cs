using NodaTime;

namespace BacGiang.Incidents.Serialization;

// Orleans cannot serialize NodaTime types on its own; the surrogate keeps the full
// nanosecond precision so persisted state round-trips exactly.
[GenerateSerializer, Immutable, Alias("InstantSurrogate")]
public readonly record struct InstantSurrogate([property: Id(0)] long UnixNanoseconds);

[RegisterConverter]
public sealed class InstantSurrogateConverter : IConverter<Instant, InstantSurrogate>
{
    public Instant ConvertFromSurrogate(in InstantSurrogate surrogate) =>
        Instant.FromUnixTimeTicks(0) + Duration.FromNanoseconds(surrogate.UnixNanoseconds);

    public InstantSurrogate ConvertToSurrogate(in Instant value) =>
        new((value - Instant.FromUnixTimeTicks(0)).ToInt64Nanoseconds());
}
