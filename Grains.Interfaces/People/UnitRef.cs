namespace BacGiang.Incidents.People;

[GenerateSerializer]
public enum UnitKind
{
    Commune,
    Agency,
    Province,
}

/// <summary>A unit that has people: a commune (by unit code), an agency (by agency code) or the province itself.</summary>
[GenerateSerializer, Immutable, Alias("UnitRef")]
public sealed record UnitRef([property: Id(0)] UnitKind Kind, [property: Id(1)] string Code)
{
    /// <summary>The province's own people (supervisors, department directors) live under this one key.</summary>
    public const string ProvinceCode = "province";

    public static readonly UnitRef Province = new(UnitKind.Province, ProvinceCode);

    public static UnitRef Commune(string code) => new(UnitKind.Commune, code);

    public static UnitRef Agency(string code) => new(UnitKind.Agency, code);

    /// <summary>"commune", "agency" or "province": how URLs and data files name the kind.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string KindName => Name(Kind);

    public static string Name(UnitKind kind) => kind switch
    {
        UnitKind.Commune => "commune",
        UnitKind.Agency => "agency",
        _ => "province",
    };

    public static bool TryParseKind(string? text, out UnitKind kind)
    {
        kind = text switch { "commune" => UnitKind.Commune, "agency" => UnitKind.Agency, "province" => UnitKind.Province, _ => (UnitKind)(-1) };
        return (int)kind >= 0;
    }

    public override string ToString() => $"{KindName}:{Code}";
}
