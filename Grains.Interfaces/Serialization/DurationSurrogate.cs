using NodaTime;

namespace BacGiang.Incidents.Serialization;

/// <summary>A duration as nanoseconds, and whole days too when it is longer than 64-bit nanoseconds hold (<see cref="WideNanoseconds"/>).</summary>
[GenerateSerializer, Immutable, Alias("DurationSurrogate")]
public readonly record struct DurationSurrogate([property: Id(0)] long Nanoseconds, [property: Id(1)] int Days = 0);

[RegisterConverter]
public sealed class DurationSurrogateConverter : IConverter<Duration, DurationSurrogate>
{
    public Duration ConvertFromSurrogate(in DurationSurrogate surrogate) => WideNanoseconds.Join(surrogate.Nanoseconds, surrogate.Days);

    public DurationSurrogate ConvertToSurrogate(in Duration value)
    {
        var (nanoseconds, days) = WideNanoseconds.Split(value);
        return new(nanoseconds, days);
    }
}
