namespace BacGiang.Incidents.Grains.Notifications;

/// <summary>
/// Which channels this deployment can send on: the console always; Zalo with an OA access token; SMS with a gateway
/// configured. A notification is queued only on a channel that can carry it, so an unconfigured gateway costs one
/// warning at start, not a failed row per person per step.
/// </summary>
public interface INotificationChannels
{
    bool Configured(string channel);
}
