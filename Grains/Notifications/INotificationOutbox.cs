namespace BacGiang.Incidents.Grains.Notifications;

/// <summary>
/// The durable queue of escalation notifications (DESIGN.md §4). Enqueueing is idempotent per notification id: an
/// incident that queues a step again after a crash changes nothing. Completes once stored; throws if not.
/// </summary>
public interface INotificationOutbox
{
    Task Enqueue(IReadOnlyList<OutgoingNotification> notifications, IReadOnlyList<EscalationGapRecord> gaps, CancellationToken cancellationToken = default);
}
