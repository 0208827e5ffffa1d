namespace BacGiang.Incidents.Domain;

/// <summary>An honest outcome: not every resolution is a fix.</summary>
[GenerateSerializer]
public enum ResolutionOutcome
{
    Fixed,
    NotFixed,
    NotResponsible,
}
