using NodaTime;

namespace BacGiang.Incidents.Serialization;

/// <summary>A calendar date (leave from / to) as the ISO year, month and day it names.</summary>
[GenerateSerializer, Immutable, Alias("LocalDateSurrogate")]
public readonly record struct LocalDateSurrogate([property: Id(0)] int Year, [property: Id(1)] int Month, [property: Id(2)] int Day);

[RegisterConverter]
public sealed class LocalDateSurrogateConverter : IConverter<LocalDate, LocalDateSurrogate>
{
    public LocalDate ConvertFromSurrogate(in LocalDateSurrogate surrogate) => new(surrogate.Year, surrogate.Month, surrogate.Day);

    public LocalDateSurrogate ConvertToSurrogate(in LocalDate value) => new(value.Year, value.Month, value.Day);
}

/// <summary>A weekday of a duty pattern, by its ISO number (Monday 1 … Sunday 7).</summary>
[GenerateSerializer, Immutable, Alias("IsoDayOfWeekSurrogate")]
public readonly record struct IsoDayOfWeekSurrogate([property: Id(0)] int Number);

[RegisterConverter]
public sealed class IsoDayOfWeekSurrogateConverter : IConverter<IsoDayOfWeek, IsoDayOfWeekSurrogate>
{
    public IsoDayOfWeek ConvertFromSurrogate(in IsoDayOfWeekSurrogate surrogate) => (IsoDayOfWeek)surrogate.Number;

    public IsoDayOfWeekSurrogate ConvertToSurrogate(in IsoDayOfWeek value) => new((int)value);
}
