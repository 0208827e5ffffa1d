using System.Security.Cryptography;
using System.Text;

namespace BacGiang.Incidents.Domain;

/// <summary>
/// What a citizen gets back, e.g. <c>BG-7K3M-Q9TX</c>: eight symbols from an alphabet without look-alikes
/// (no 0/O, 1/I/L, U), about 39 bits, so codes are short to read out on the phone yet cannot be guessed
/// or enumerated the way sequence numbers can.
/// </summary>
[GenerateSerializer, Immutable, Alias("TrackingCode")]
public readonly record struct TrackingCode
{
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private const string Prefix = "BG-";

    [Id(0)] public string Value { get; }

    private TrackingCode(string value) => Value = value;

    public override string ToString() => Value;

    public static TrackingCode NewRandom() => FromBytes(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The same client key always yields the same code, so a retried request lands on the same incident;
    /// keyed with a server secret so knowing a key does not reveal anyone else's code.
    /// </summary>
    public static TrackingCode Derive(string secret, string clientKey, int attempt = 0)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{attempt}:{clientKey}"));
        return FromBytes(mac);
    }

    private static TrackingCode FromBytes(ReadOnlySpan<byte> bytes)
    {
        Span<char> symbols = stackalloc char[8];
        for (var i = 0; i < symbols.Length; i++)
        {
            // Two bytes per symbol keep the modulo bias below 0.05 %.
            var n = (bytes[2 * i] << 8) | bytes[2 * i + 1];
            symbols[i] = Alphabet[n % Alphabet.Length];
        }
        return new TrackingCode($"{Prefix}{symbols[..4]}-{symbols[4..]}");
    }

    /// <summary>Accepts what a person types: any case, with or without the dashes and prefix.</summary>
    public static bool TryParse(string? text, out TrackingCode code)
    {
        code = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var compact = text.Trim().ToUpperInvariant().Replace("-", "").Replace(" ", "");
        if (compact.StartsWith("BG", StringComparison.Ordinal)) compact = compact[2..];
        if (compact.Length != 8 || compact.Any(c => !Alphabet.Contains(c))) return false;
        code = new TrackingCode($"{Prefix}{compact[..4]}-{compact[4..]}");
        return true;
    }
}
