using BacGiang.Incidents.Reference;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;

namespace BacGiang.Incidents.Api.Infrastructure;

/// <summary>
/// Holiday data running out (<see cref="Sla.HolidayCoverage"/>) leaves the API ready but Degraded, with the dates in
/// the check's data for the supervisors' console to show.
/// </summary>
public sealed class HolidayCoverageCheck(ReferenceData reference, IClock clock) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var coverage = reference.Sla.Holidays;
        var today = ReferenceData.DateOf(clock.GetCurrentInstant());
        var through = coverage.CoveredThrough?.ToString("yyyy-MM-dd", null);
        var data = new Dictionary<string, object>
        {
            ["coveredThrough"] = through ?? "",
            ["neededThrough"] = Sla.HolidayCoverage.NeededThrough(today).ToString("yyyy-MM-dd", null),
        };
        return Task.FromResult(coverage.IsShort(today)
            ? HealthCheckResult.Degraded(
                $"holiday data covers only until {through ?? "nothing"}, less than {Sla.HolidayCoverage.Ahead.Months} months ahead: add the coming year to holidays.csv", data: data)
            : HealthCheckResult.Healthy($"holiday data covers until {through}", data));
    }
}

/// <summary>The same at start, in the log, where an operator looks first.</summary>
public sealed class HolidayCoverageWarning(ReferenceData reference, IClock clock, ILogger<HolidayCoverageWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        reference.Sla.Holidays.WarnIfShort(logger, ReferenceData.DateOf(clock.GetCurrentInstant()));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
