using System.Diagnostics;
using System.Diagnostics.Metrics;
using BacGiang.Incidents.ReadModel;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// The silo's own instruments, on the meter every process of this system uses (<see cref="ProjectionReporter.MeterName"/>):
/// what operators watch beside the projection lag. Names follow OpenTelemetry's dotted style; exporters turn them into
/// Prometheus names (incidents_reports_accepted_total, …).
/// </summary>
public sealed class IncidentMetrics
{
    private readonly Counter<long> reports;
    private readonly Counter<long> alerts;
    private readonly Counter<long> escalations;
    private readonly Histogram<double> lateness;
    private readonly Counter<long> notificationsSent;
    private readonly Counter<long> notificationsFailed;
    private readonly Histogram<double> notifyLatency;

    public IncidentMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ProjectionReporter.MeterName);
        reports = meter.CreateCounter<long>("incidents.reports.accepted", "{report}", "Reports accepted, by channel and by whether they opened an incident or joined one");
        alerts = meter.CreateCounter<long>("incidents.alerts.received", "{alert}", "Camera alerts taken, by alert type");
        escalations = meter.CreateCounter<long>("incidents.escalations.fired", "{escalation}", "Escalation steps fired, by clock (ack, resolve) and level");
        lateness = meter.CreateHistogram<double>("incidents.escalations.lateness", "s", "How long after its due time a step fired");
        notificationsSent = meter.CreateCounter<long>("incidents.notifications.sent", "{notification}", "Notifications a channel took, by channel");
        notificationsFailed = meter.CreateCounter<long>("incidents.notifications.failed", "{notification}", "Notifications given up on, by channel");
        notifyLatency = meter.CreateHistogram<double>("incidents.notifications.latency", "s", "From a step firing to its notification being sent, by channel");
    }

    public void ReportAccepted(string channel, bool opened) =>
        reports.Add(1, new KeyValuePair<string, object?>("channel", channel), new KeyValuePair<string, object?>("outcome", opened ? "opened" : "joined"));

    public void AlertReceived(string alertType) => alerts.Add(1, new KeyValuePair<string, object?>("alert_type", alertType));

    public void EscalationFired(string kind, int level, double latenessSeconds)
    {
        var tags = new TagList { { "kind", kind }, { "level", level } };
        escalations.Add(1, tags);
        lateness.Record(latenessSeconds, tags);
    }

    public void NotificationSent(string channel, double secondsSinceFired)
    {
        notificationsSent.Add(1, new KeyValuePair<string, object?>("channel", channel));
        notifyLatency.Record(secondsSinceFired, new KeyValuePair<string, object?>("channel", channel));
    }

    public void NotificationFailed(string channel) => notificationsFailed.Add(1, new KeyValuePair<string, object?>("channel", channel));
}
