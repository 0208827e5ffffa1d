using NodaTime;

namespace BacGiang.Incidents.Serialization;

[GenerateSerializer, Immutable, Alias("DurationSurrogate")]
public readonly record struct DurationSurrogate([property: Id(0)] long Nanoseconds);

[RegisterConverter]
public sealed class DurationSurrogateConverter : IConverter<Duration, DurationSurrogate>
{
    public Duration ConvertFromSurrogate(in DurationSurrogate surrogate) => Duration.FromNanoseconds(surrogate.Nanoseconds);

    public DurationSurrogate ConvertToSurrogate(in Duration value) => new(value.ToInt64Nanoseconds());
}
