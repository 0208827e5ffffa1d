namespace BacGiang.Incidents;

/// <summary>A commune's inbox; key: the commune's unit code.</summary>
[Alias("ICommuneGrain")]
public interface ICommuneGrain : IIncidentListGrain;
