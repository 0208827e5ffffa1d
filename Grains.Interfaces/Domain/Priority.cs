using System.Text.Json.Serialization;

namespace BacGiang.Incidents.Domain;

/// <summary>P1 is life and safety (fire, flood, accident with injuries) … P4 a nuisance.</summary>
[GenerateSerializer]
public enum Priority
{
    [JsonStringEnumMemberName("P1")] P1 = 1,
    [JsonStringEnumMemberName("P2")] P2 = 2,
    [JsonStringEnumMemberName("P3")] P3 = 3,
    [JsonStringEnumMemberName("P4")] P4 = 4,
}
