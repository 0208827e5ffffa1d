namespace BacGiang.Incidents.Silo.Notifications;

/// <summary>Lets the outbox wake this silo's dispatcher the moment it stores work, instead of at the next poll.</summary>
public sealed class NotificationSignal
{
    private readonly SemaphoreSlim pending = new(0, 1);

    public void Wake()
    {
        // A wake already pending covers this one too.
        try
        {
            pending.Release();
        }
        catch (SemaphoreFullException)
        {
        }
    }

    public Task<bool> Wait(TimeSpan timeout, CancellationToken cancellationToken) => pending.WaitAsync(timeout, cancellationToken);
}
