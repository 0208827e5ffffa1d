using BacGiang.Incidents.Domain;
using BacGiang.Incidents.Grains.Notifications;
using BacGiang.Incidents.ReadModel;
using BacGiang.Incidents.Sla;

namespace BacGiang.Incidents.Grains;

/// <summary>
/// Sends what an incident owes others as of its lifecycle: escalation notifications to the people on duty, status
/// updates to its reporters' Zalo conversations, its reports to the incident it was merged into, split-out reports to
/// their new incidents; then stores how far it got. Each receiver is idempotent, so a failure part-way (thrown to the
/// incident, which retries) makes the same deliveries again.
/// </summary>
public sealed class IncidentDeliverer(EscalationNotifier notifier, IGrainFactory grains, IIncidentLog log)
{
    /// <param name="schedule">Built only when a notification is owed: most deliveries (a citizen's status update) need no schedule.</param>
    public async Task DeliverOwed(string incidentId, IncidentLifecycle lifecycle, Func<EscalationSchedule?> schedule, IncidentDeliveries deliveries)
    {
        var last = lifecycle.LastSeq;
        if (deliveries.NotificationsOwed(lifecycle).ToList() is { Count: > 0 } steps)
        {
            var built = schedule();
            foreach (var step in steps)
                await notifier.Notify(incidentId, lifecycle, step, built?.IsAcknowledged(step.Kind, step.Round, step.Level) == true);
            deliveries.NotifiedSeq = last;
        }
        if (deliveries.CitizenUpdateOwed(lifecycle))
        {
            foreach (var user in IncidentDeliveries.ZaloReporters(lifecycle))
                await grains.GetGrain<IZaloConversationGrain>(user).NotifyChange(incidentId, last, lifecycle.Status, lifecycle.Resolution);
            deliveries.CitizenNotifiedSeq = last;
        }
        if (deliveries.MergeOwed(lifecycle))
        {
            await grains.GetGrain<IIncidentGrain>(lifecycle.MergedInto!).ReceiveMerge(incidentId, lifecycle.AllReports.ToList());
            deliveries.MergeDelivered = true;
        }
        foreach (var (seq, (newId, report)) in deliveries.SplitsOwed(lifecycle).ToList())
        {
            var key = $"split:{incidentId}:{seq}";
            var filed = await grains.GetGrain<IIncidentGrain>(newId)
                .File(report with { IdempotencyKey = key, RequestFingerprint = key }, Actor.System);
            if (filed.Outcome is not (FileOutcome.Created or FileOutcome.AlreadyFiled))
                throw new InvalidOperationException($"Split-out report {seq} could not be filed as {newId}: {filed.Outcome}.");
            deliveries.SplitsFiled.Add(seq);
        }
        await log.SaveDeliveries(incidentId, deliveries);
    }
}
