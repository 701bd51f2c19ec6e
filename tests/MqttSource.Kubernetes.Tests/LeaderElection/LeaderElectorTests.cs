using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.LeaderElection;
using MqttSource.Testing;
using Xunit;

namespace MqttSource.Kubernetes.Tests.LeaderElection;

public sealed class LeaderElectorTests : FakeClusterTest
{
    private static LeaderElectionOptions Options(string identity, bool release = true) => new()
    {
        Namespace = "system",
        Name = "mqtt-source-controller",
        Identity = identity,
        // Short, yet with room for a scheduling hiccup of a busy 2-core machine.
        LeaseDuration = TimeSpan.FromSeconds(2),
        RenewDeadline = TimeSpan.FromMilliseconds(1500),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
        ReleaseOnCancel = release,
    };

    [Fact]
    public async Task Run_TwoCandidates_OnlyOneLeadsAndTheLeaseNamesIt()
    {
        using var stop = new CancellationTokenSource();
        var a = new LeaderElector(Client.Leases(), Options("a"));
        var b = new LeaderElector(Client.Leases(), Options("b"));
        var leading = 0;
        var maxLeading = 0;
        Task Lead(CancellationToken token) => HoldAsync(token, () => maxLeading = Math.Max(maxLeading, Interlocked.Increment(ref leading)), () => Interlocked.Decrement(ref leading));

        var runA = a.RunAsync(Lead, stop.Token);
        var runB = b.RunAsync(Lead, stop.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader || b.IsLeader, Timeout, "someone leads");
        await Task.Delay(TimeSpan.FromMilliseconds(400)); // several renew periods: the other must stay a follower

        Assert.True(a.IsLeader ^ b.IsLeader);
        Assert.Equal(1, maxLeading);
        var lease = await Client.Leases().GetAsync("system", "mqtt-source-controller", TestTimeout());
        Assert.Equal(a.IsLeader ? "a" : "b", lease.Spec!.HolderIdentity);
        Assert.Equal(2, lease.Spec.LeaseDurationSeconds);
        Assert.NotNull(lease.Spec.AcquireTime);
        Assert.Equal(a.IsLeader ? "a" : "b", (a.IsLeader ? b : a).ObservedLeader);

        await stop.CancelAsync();
        var lostA = await runA.WaitAsync(Timeout);
        var lostB = await runB.WaitAsync(Timeout);
        Assert.False(lostA);
        Assert.False(lostB);
    }

    [Fact]
    public async Task Run_LeaderStopsRenewing_OtherTakesOverAfterTheLeaseDuration()
    {
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = new LeaderElector(Client.Leases(), Options("a", release: false));
        var runA = a.RunAsync(t => HoldAsync(t), stopA.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");
        var b = new LeaderElector(Client.Leases(), Options("b"));
        var runB = b.RunAsync(t => HoldAsync(t), stopB.Token);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(b.IsLeader);

        await stopA.CancelAsync(); // a crashes: no release
        await runA.WaitAsync(Timeout);

        await Eventually.WaitUntilAsync(() => b.IsLeader, Timeout, "b takes over");
        var lease = await Client.Leases().GetAsync("system", "mqtt-source-controller", TestTimeout());
        Assert.Equal("b", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        await stopB.CancelAsync();
        await runB.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Run_CancelledLeaderReleases_TheLeaseIsEmptied()
    {
        using var stop = new CancellationTokenSource();
        var a = new LeaderElector(Client.Leases(), Options("a"));
        var runA = a.RunAsync(t => HoldAsync(t), stop.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");

        await stop.CancelAsync();

        Assert.False(await runA.WaitAsync(Timeout));
        var lease = await Client.Leases().GetAsync("system", "mqtt-source-controller", TestTimeout());
        Assert.Null(lease.Spec!.HolderIdentity);
    }

    [Fact]
    public async Task Run_RenewFailsPastTheDeadline_LeaderStepsDownAndSignals()
    {
        using var stop = new CancellationTokenSource();
        var a = new LeaderElector(Client.Leases(), Options("a"));
        var leadershipEnded = new TaskCompletionSource();
        var runA = a.RunAsync(async t => { await HoldAsync(t); leadershipEnded.TrySetResult(); }, stop.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");

        Server.FailNext(503, count: 1000, pathContains: "/leases/");

        Assert.True(await runA.WaitAsync(Timeout), "leadership lost");
        Assert.True(leadershipEnded.Task.IsCompleted);
        Assert.False(a.IsLeader);
    }

    [Fact]
    public async Task Run_ConflictingWrite_DoesNotMakeTwoLeaders()
    {
        // Someone else renews the lease behind our back: our next write carries a stale resourceVersion.
        using var stop = new CancellationTokenSource();
        var a = new LeaderElector(Client.Leases(), Options("a"));
        var runA = a.RunAsync(t => HoldAsync(t), stop.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");

        for (var i = 0; i < 20; i++)
        {
            await Client.Leases().PatchAsync("system", "mqtt-source-controller", Obj("""{"spec":{"holderIdentity":"intruder"}}"""), TestTimeout());
            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }

        Assert.True(await runA.WaitAsync(Timeout), "a sees another holder and steps down");
        await stop.CancelAsync();
    }

    [Fact]
    public async Task Run_LeadingWorkFails_ReleasesTheLeaseAndRethrows()
    {
        var a = new LeaderElector(Client.Leases(), Options("a"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            a.RunAsync(_ => Task.FromException(new InvalidOperationException("boom")), TestTimeout()).WaitAsync(Timeout));

        Assert.Equal("boom", error.Message);
        Assert.False(a.IsLeader);
        var lease = await Client.Leases().GetAsync("system", "mqtt-source-controller", TestTimeout());
        Assert.Null(lease.Spec!.HolderIdentity);
    }

    [Fact]
    public void Options_InvalidTimings_Rejected()
    {
        var bad = new LeaderElectionOptions { Namespace = "n", Name = "l", Identity = "i", LeaseDuration = TimeSpan.FromSeconds(5), RenewDeadline = TimeSpan.FromSeconds(10) };

        Assert.Throws<ArgumentException>(() => new LeaderElector(Client.Leases(), bad));
    }

    private static async Task HoldAsync(CancellationToken token, Action? started = null, Action? stopped = null)
    {
        started?.Invoke();
        try
        {
            await Task.Delay(System.Threading.Timeout.InfiniteTimeSpan, token);
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            stopped?.Invoke();
        }
    }
}
