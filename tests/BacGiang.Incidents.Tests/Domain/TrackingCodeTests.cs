using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents.Tests.Domain;

public class TrackingCodeTests
{
    [Fact]
    public void Random_codes_have_the_readable_shape_and_do_not_repeat()
    {
        var codes = Enumerable.Range(0, 20_000).Select(_ => TrackingCode.NewRandom().Value).ToList();
        Assert.All(codes, c => Assert.Matches("^BG-[2-9A-HJKMNP-TV-Z]{4}-[2-9A-HJKMNP-TV-Z]{4}$", c));
        // 20,000 draws from 30^8 codes repeat one with probability about 3e-4 (the birthday bound), so one repeat
        // may happen; four would take a broken generator (a chance below 1e-15 otherwise).
        Assert.InRange(codes.Count - codes.Distinct().Count(), 0, 3);
    }

    [Fact]
    public void Symbols_are_spread_over_the_whole_alphabet()
    {
        var seen = Enumerable.Range(0, 2_000).SelectMany(_ => TrackingCode.NewRandom().Value[3..].Replace("-", "")).ToHashSet();
        Assert.Equal(TrackingCode.Alphabet.Length, seen.Count);
    }

    [Fact]
    public void Derived_codes_are_stable_per_key_and_secret()
    {
        Assert.Equal(TrackingCode.Derive("secret-1", "key-1"), TrackingCode.Derive("secret-1", "key-1"));
        Assert.NotEqual(TrackingCode.Derive("secret-1", "key-1"), TrackingCode.Derive("secret-2", "key-1"));
        Assert.NotEqual(TrackingCode.Derive("secret-1", "key-1"), TrackingCode.Derive("secret-1", "key-2"));
        Assert.NotEqual(TrackingCode.Derive("secret-1", "key-1", 0), TrackingCode.Derive("secret-1", "key-1", 1));
    }

    [Theory]
    [InlineData("BG-7K3M-Q9TX", "BG-7K3M-Q9TX")]
    [InlineData("bg-7k3m-q9tx", "BG-7K3M-Q9TX")]
    [InlineData("7K3MQ9TX", "BG-7K3M-Q9TX")]
    [InlineData(" BG 7K3M Q9TX ", "BG-7K3M-Q9TX")]
    public void What_people_type_is_parsed(string typed, string expected)
    {
        Assert.True(TrackingCode.TryParse(typed, out var code));
        Assert.Equal(expected, code.Value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("BG-7K3M-Q9T")]
    [InlineData("BG-7K3M-Q9TXX")]
    [InlineData("BG-0K3M-Q9TX")]
    [InlineData("BG-IK3M-Q9TX")]
    [InlineData("../../etc")]
    public void Anything_else_is_not_a_code(string typed) => Assert.False(TrackingCode.TryParse(typed, out _));
}
