using MqttSource.Controller.Machinery;
using MqttSource.Testing.Time;
using Xunit;

namespace MqttSource.Controller.Tests.Machinery;

public sealed class WorkQueueTests
{
    private static CancellationToken Soon() => new CancellationTokenSource(TimeSpan.FromSeconds(5)).Token;

    [Fact]
    public async Task Add_SameKeyTwice_IsQueuedOnce()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("ns/a");
        queue.Add("ns/a");
        queue.Add("ns/b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("ns/a", await queue.TakeAsync(Soon()));
        Assert.Equal("ns/b", await queue.TakeAsync(Soon()));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Add_WhileProcessing_IsNotHandedOutUntilDoneThenProcessedAgain()
    {
        using var queue = new WorkQueue<string>();
        queue.Add("k");
        var first = await queue.TakeAsync(Soon());

        queue.Add("k");
        queue.Add("k");
        Assert.Equal(0, queue.Count);
        var second = queue.TakeAsync(Soon()).AsTask();
        Assert.False(second.IsCompleted);

        queue.Done(first);
        Assert.Equal("k", await second);
        queue.Done("k");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task AddAfter_FiresOnlyWhenTheFakeClockReachesTheDelay()
    {
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue<string>(timeProvider: time);

        queue.AddAfter("k", TimeSpan.FromSeconds(10));
        queue.AddAfter("k", TimeSpan.FromSeconds(30));
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.DelayedCount);

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal("k", await queue.TakeAsync(Soon()));
        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task AddAfter_EarlierTimeReplacesLaterOne()
    {
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue<string>(timeProvider: time);

        queue.AddAfter("k", TimeSpan.FromSeconds(30));
        queue.AddAfter("k", TimeSpan.FromSeconds(5));
        time.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal("k", await queue.TakeAsync(Soon()));
    }

    [Fact]
    public void AddRateLimited_DoublesPerKeyFrom5msUpToTheCapAndForgetResets()
    {
        var time = new ManualTimeProvider();
        using var queue = new WorkQueue<string>(new WorkQueueOptions { BaseDelay = TimeSpan.FromMilliseconds(5), MaxDelay = TimeSpan.FromMilliseconds(40) }, time);
        var delays = new List<int>();

        for (var i = 0; i < 6; i++)
        {
            queue.AddRateLimited("k");
            var waited = 0;
            while (queue.Count == 0)
            {
                time.Advance(TimeSpan.FromMilliseconds(1));
                waited++;
            }

            delays.Add(waited);
            Assert.True(queue.TakeAsync().AsTask().IsCompletedSuccessfully);
            queue.Done("k");
        }

        Assert.Equal([5, 10, 20, 40, 40, 40], delays);
        Assert.Equal(6, queue.NumRequeues("k"));
        Assert.Equal(0, queue.NumRequeues("other"));
        queue.Forget("k");
        Assert.Equal(0, queue.NumRequeues("k"));
    }

    [Fact]
    public async Task ShutDown_WakesWaitingTakers()
    {
        using var queue = new WorkQueue<string>();
        var waiting = queue.TakeAsync(Soon()).AsTask();

        queue.ShutDown();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        queue.Add("ignored");
        Assert.Equal(0, queue.Count);
    }
}
