namespace BacGiang.Incidents.Grains;

/// <summary>
/// Shares writes in a reentrant grain: while one write is in flight, everyone who asks joins the next one, so
/// a burst of changes costs two writes, not one each. <c>write</c> must take its snapshot of the state before
/// its first await: changes made after that belong to the next write.
/// </summary>
public sealed class GroupCommit(Func<Task> write)
{
    private Task? writing;
    private Task? queued;

    /// <summary>Completes when a write that includes every change made before this call has succeeded.</summary>
    public Task Next()
    {
        if (queued is not null) return queued;
        if (writing is null) return writing = Run();
        return queued = After(writing);
    }

    private async Task Run()
    {
        try
        {
            await write();
        }
        finally
        {
            writing = null;
        }
    }

    private async Task After(Task previous)
    {
        try
        {
            await previous;
        }
        catch
        {
            // Its callers hear of that failure; this write carries the same changes and more, so it tries anyway.
        }
        queued = null;
        await (writing = Run());
    }
}
