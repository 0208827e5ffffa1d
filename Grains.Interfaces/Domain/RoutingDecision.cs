namespace BacGiang.Incidents.Domain;

/// <summary>Where routing sent a report: both commune and agency known, or triage with the reason why not.</summary>
[GenerateSerializer, Immutable, Alias("RoutingDecision")]
public sealed record RoutingDecision
{
    [Id(0)] public string? Commune { get; init; }
    [Id(1)] public string? Agency { get; init; }
    /// <summary>How the commune was found (e.g. "commune-code", "boundary"), or why triage.</summary>
    [Id(2)] public required string Explanation { get; init; }

    /// <summary>False for triage, even when commune or agency are known (e.g. a commune this deployment does not serve).</summary>
    [Id(3)] public bool IsRouted { get; init; }

    public static RoutingDecision Routed(string commune, string agency, string rule) =>
        new() { Commune = commune, Agency = agency, Explanation = rule, IsRouted = true };

    public static RoutingDecision Triage(string reason, string? commune, string? agency) =>
        new() { Commune = commune, Agency = agency, Explanation = reason };
}
