using System.Collections.Frozen;
using System.Text.Json;

namespace BacGiang.Incidents.ReadModel;

/// <summary>Enum values as the read model and the API spell them (in_progress, commune_officer, ack).</summary>
public static class ReadModelNames
{
    public static string Of<T>(T value) where T : struct, Enum => Names<T>.ByValue[value];

    public static T Parse<T>(string name) where T : struct, Enum =>
        Names<T>.ByName.TryGetValue(name, out var value) ? value : throw new FormatException($"'{name}' is not a {typeof(T).Name}.");

    public static bool TryParse<T>(string name, out T value) where T : struct, Enum => Names<T>.ByName.TryGetValue(name, out value);

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(v => v, v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()));

        public static readonly FrozenDictionary<string, T> ByName =
            ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);
    }
}
