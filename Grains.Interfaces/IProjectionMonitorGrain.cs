using BacGiang.Incidents.ReadModel;

namespace BacGiang.Incidents;

/// <summary>
/// Where every silo reports its read-model projection, so the API's readiness check can show the lag of the
/// whole cluster. Key 0. Kept in memory: after a restart the silos report again within seconds.
/// </summary>
[Alias("IProjectionMonitorGrain")]
public interface IProjectionMonitorGrain : IGrainWithIntegerKey
{
    [Alias("Report")]
    Task Report(string silo, ProjectionStatus status);

    [Alias("Get")]
    Task<ProjectionReport> Get();
}
