using BacGiang.Incidents.Domain;

namespace BacGiang.Incidents;

/// <summary>
/// The one path a citizen's report takes into the system, whatever the channel (app, Zalo, Open311): an open
/// incident of the same thing close by takes it as another report; otherwise it becomes a new incident under
/// <c>trackingCode</c>. A stateless worker (key 0): any silo runs it locally.
/// </summary>
[Alias("IReportIntakeGrain")]
public interface IReportIntakeGrain : IGrainWithIntegerKey
{
    [Alias("File")]
    Task<FileResult> File(ReportDetails report, Actor reporter, string trackingCode);
}
