using System.ComponentModel.DataAnnotations;

namespace BacGiang.Incidents.Reference;

public sealed class RoutingOptions
{
    public const string Section = "Routing";

    /// <summary>
    /// Which communes this deployment serves, as code prefixes ("07" = the former Bắc Giang communes of the merged
    /// Bắc Ninh province) or "*" for all. Reports for other communes wait in triage rather than go to nobody.
    /// The silo routes by it; the API lists the same communes to the console, so both read this one setting.
    /// </summary>
    [Required, MinLength(1)]
    public List<string> ServedCommunes { get; set; } = [];

    public bool Serves(string communeCode) =>
        ServedCommunes.Any(p => p == "*" || communeCode.StartsWith(p, StringComparison.Ordinal));
}
