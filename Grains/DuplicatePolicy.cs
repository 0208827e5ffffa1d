using BacGiang.Incidents.Domain;
using BacGiang.Incidents.ReadModel;
using NodaTime;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// Which reports may be about an incident already open (DESIGN.md §5): a citizen's located report, compared with open
/// incidents of its category reported within <see cref="DuplicateOptions.Window"/> and
/// <see cref="DuplicateOptions.RadiusMeters"/>. Cameras correlate their own alerts, and a report without a place
/// cannot be placed next to anything.
/// </summary>
public sealed class DuplicatePolicy(DuplicateOptions options)
{
    public DuplicateQuery? QueryFor(ReportDetails report, Instant now) =>
        report.Location is { } at && options.Channels.Contains(report.Channel)
            ? new DuplicateQuery(report.Category, at, now - Duration.FromTimeSpan(options.Window), options.RadiusMeters)
            : null;
}
