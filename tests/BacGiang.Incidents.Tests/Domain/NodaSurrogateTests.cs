using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Orleans.Serialization;

namespace BacGiang.Incidents.Tests.Domain;

/// <summary>
/// Instants and durations cross grain calls and sit in stored grain state through Orleans surrogates: the whole of
/// NodaTime's range must get through (a far-off "at" from a client once threw on its way to the grain that refuses it),
/// and what was stored before the wide form existed must read back unchanged.
/// </summary>
public sealed class NodaSurrogateTests
{
    private static readonly Serializer Serializer = new ServiceCollection().AddSerializer().BuildServiceProvider().GetRequiredService<Serializer>();

    public static TheoryData<string> Instants => new()
    {
        "9999-12-31T23:59:59.999999999Z", "-9998-01-01T00:00:00Z", "2262-04-11T23:47:16.854775808Z", "1677-09-21T00:12:43.145224191Z",
        "2026-12-02T08:15:30.123456789Z", "1970-01-01T00:00:00Z", "1969-12-31T23:59:59.999999999Z",
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void Every_instant_nodatime_holds_round_trips_exactly(string text)
    {
        var instant = NodaTime.Text.InstantPattern.ExtendedIso.Parse(text).Value;
        Assert.Equal(instant, Serializer.Deserialize<Instant>(Serializer.SerializeToArray(instant)));
        var since = instant - NodaConstants.UnixEpoch;
        Assert.Equal(since, Serializer.Deserialize<Duration>(Serializer.SerializeToArray(since)));
        Assert.Equal(-since, Serializer.Deserialize<Duration>(Serializer.SerializeToArray(-since)));
    }

    [Fact]
    public void What_the_narrow_surrogates_stored_reads_back_the_same()
    {
        // Bytes written by the surrogates before they had a days field (commit 28effd9).
        Assert.Equal(Instant.FromUtc(2026, 12, 2, 8, 15, 30) + Duration.FromNanoseconds(123_456_789),
            Serializer.Deserialize<Instant>(Convert.FromHexString("20E88015A1CD29C661ED18E0")));
        Assert.Equal(Duration.FromHours(-5) + Duration.FromNanoseconds(7),
            Serializer.Deserialize<Duration>(Convert.FromHexString("20E800C0F81F9BF35E10E0")));
    }
}
