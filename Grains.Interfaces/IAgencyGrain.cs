namespace BacGiang.Incidents;

/// <summary>An agency's queue; key: the agency code.</summary>
[Alias("IAgencyGrain")]
public interface IAgencyGrain : IIncidentListGrain;
