using System.Collections.Concurrent;
using BacGiang.Incidents.ReadModel;

namespace BacGiang.Incidents.Tests.ReadModel;

/// <summary>
/// The queue under the log's group commit and the batched lookups: what arrives while a batch is handled goes in the
/// next, never more than the most, and nothing is left waiting when a handler throws or the queue stops.
/// </summary>
public sealed class BatchQueueTests
{
    // Only against a hang: every wait below ends as soon as the queue's loop has done its part.
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<string> batches = new();
    private readonly ConcurrentQueue<string> abandoned = new();
    private readonly TaskCompletionSource firstEntered = new(TaskCreationOptions.RunContinuationsAsynchronously);
    // Never set in the stop test: its first batch waits until the stop cancels it.
    private readonly TaskCompletionSource releaseFirst = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource allHandled = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource oneAbandoned = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int handledCount;

    [Fact]
    public async Task Items_added_while_a_batch_is_handled_go_together_in_the_next()
    {
        await using var queue = HoldingTheFirstBatch(maxBatch: 10, expected: 4);
        await AddFirstAndHoldIt(queue);
        foreach (var item in new[] { "b", "c", "d" }) Assert.True(queue.TryAdd(item));
        releaseFirst.SetResult();

        await allHandled.Task.WaitAsync(HangGuard);
        Assert.Equal(["a", "b c d"], batches);
    }

    [Fact]
    public async Task A_batch_holds_at_most_the_most()
    {
        await using var queue = HoldingTheFirstBatch(maxBatch: 2, expected: 6);
        await AddFirstAndHoldIt(queue);
        foreach (var item in new[] { "b", "c", "d", "e", "f" }) queue.TryAdd(item);
        releaseFirst.SetResult();

        await allHandled.Task.WaitAsync(HangGuard);
        Assert.Equal(["a", "b c", "d e", "f"], batches);
    }

    [Fact]
    public async Task A_handler_that_throws_has_its_batch_abandoned_and_the_loop_goes_on()
    {
        await using var queue = new BatchQueue<string>(1, 10, (batch, _) =>
        {
            if (batch.Contains("bad")) throw new InvalidOperationException("a handler's bug");
            Handled(batch, expected: 1);
            return Task.CompletedTask;
        }, Abandon);

        queue.TryAdd("bad");
        await oneAbandoned.Task.WaitAsync(HangGuard);
        queue.TryAdd("good");
        await allHandled.Task.WaitAsync(HangGuard);

        Assert.Equal(["bad"], abandoned);
        Assert.Equal(["good"], batches);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task At_stop_the_batch_under_way_and_everything_queued_are_abandoned(bool handlerRethrowsOtherwise)
    {
        // No grace: the batch under way and the queued items are given up as soon as the stop begins, whatever the
        // cancelled handler throws (a driver may wrap the cancellation in an exception of its own).
        var queue = new BatchQueue<string>(1, 10, async (_, stopping) =>
        {
            firstEntered.TrySetResult();
            try
            {
                await releaseFirst.Task.WaitAsync(stopping);
            }
            catch (OperationCanceledException e) when (handlerRethrowsOtherwise)
            {
                throw new InvalidOperationException("the connection was closed", e);
            }
        }, Abandon, grace: TimeSpan.Zero);
        await AddFirstAndHoldIt(queue);
        queue.TryAdd("b");
        queue.TryAdd("c");

        await queue.DisposeAsync();

        Assert.Equal(["a", "b", "c"], abandoned.Order());
        Assert.False(queue.TryAdd("late"));
    }

    /// <summary>One loop whose batch holding "a" waits for <see cref="releaseFirst"/>.</summary>
    private BatchQueue<string> HoldingTheFirstBatch(int maxBatch, int expected) =>
        new(1, maxBatch, async (batch, _) =>
        {
            if (batch.Contains("a"))
            {
                firstEntered.SetResult();
                await releaseFirst.Task;
            }
            Handled(batch, expected);
        }, Abandon);

    private async Task AddFirstAndHoldIt(BatchQueue<string> queue)
    {
        queue.TryAdd("a");
        await firstEntered.Task.WaitAsync(HangGuard);
    }

    private void Handled(List<string> batch, int expected)
    {
        batches.Enqueue(string.Join(' ', batch));
        if (Interlocked.Add(ref handledCount, batch.Count) >= expected) allHandled.TrySetResult();
    }

    private void Abandon(string item)
    {
        abandoned.Enqueue(item);
        oneAbandoned.TrySetResult();
    }
}
