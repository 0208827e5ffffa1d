using System.Text.Json.Serialization;

namespace BacGiang.Incidents.Domain;

/// <summary>Who did something. Officers carry their commune, agency staff their agency: scoping is checked against these.</summary>
[GenerateSerializer, Immutable, Alias("Actor")]
public sealed record Actor(
    [property: Id(0)] ActorRole Role,
    [property: Id(1)] string Id,
    [property: Id(2)] string? Commune = null,
    [property: Id(3)] string? Agency = null)
{
    public static readonly Actor System = new(ActorRole.System, "system");

    public string Kind => Role switch
    {
        ActorRole.Citizen => "citizen",
        ActorRole.System => "system",
        _ => "staff",
    };

    public static Actor Citizen(string id) => new(ActorRole.Citizen, id);

    [JsonIgnore]
    public bool IsProvinceWide => Role is ActorRole.Supervisor or ActorRole.Admin or ActorRole.System;
}
