using k8s;
using k8s.Models;
using MqttSource.Controller.Machinery;
using MqttSource.Testing;
using MqttSource.Testing.Time;
using Xunit;

namespace MqttSource.Controller.Tests.Machinery;

/// <summary>
/// Leader election on a real Lease in the fake API server. No assertion depends on how fast a busy machine runs: lease
/// durations are long (a follower cannot take over by accident), expiry is driven by a manual clock, and every wait is
/// for a condition.
/// </summary>
public sealed class LeaderElectorTests : FakeCluster
{
    private const string LeaseNs = "system";
    private const string LeaseName = "mqtt-source-controller";

    private static LeaderElectionOptions Options(string identity, bool release = true) => new()
    {
        Namespace = LeaseNs,
        Name = LeaseName,
        Identity = identity,
        LeaseDuration = TimeSpan.FromSeconds(60),
        RenewDeadline = TimeSpan.FromSeconds(40),
        RetryPeriod = TimeSpan.FromMilliseconds(100),
        ReleaseOnCancel = release,
    };

    private Task<V1Lease> LeaseAsync() => Client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, LeaseNs);

    [Fact]
    public async Task Run_TwoCandidates_OnlyOneLeadsAndTheLeaseNamesIt()
    {
        using var stop = new CancellationTokenSource();
        var a = new LeaderElector(Client, Options("a"));
        var b = new LeaderElector(Client, Options("b"));
        var leading = 0;
        var maxLeading = 0;
        Task Lead(CancellationToken token) => HoldAsync(token, () => maxLeading = Math.Max(maxLeading, Interlocked.Increment(ref leading)), () => Interlocked.Decrement(ref leading));

        var runA = a.RunAsync(Lead, stop.Token);
        var runB = b.RunAsync(Lead, stop.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader || b.IsLeader, Timeout, "someone leads");
        var (leader, follower) = a.IsLeader ? ("a", b) : ("b", a);
        await Eventually.WaitUntilAsync(() => follower.ObservedLeader == leader, Timeout, "the other sees the leader");

        Assert.True(a.IsLeader ^ b.IsLeader);
        Assert.Equal(1, maxLeading);
        var lease = await LeaseAsync();
        Assert.Equal(leader, lease.Spec!.HolderIdentity);
        Assert.Equal(60, lease.Spec.LeaseDurationSeconds);
        Assert.NotNull(lease.Spec.AcquireTime);

        await stop.CancelAsync();
        Assert.False(await runA.WaitAsync(Timeout));
        Assert.False(await runB.WaitAsync(Timeout));
    }

    [Fact]
    public async Task Run_LeaderCrashes_OtherTakesOverOnlyAfterTheLeaseDurationOnItsClock()
    {
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = new LeaderElector(Client, Options("a", release: false));
        var runA = a.RunAsync(t => HoldAsync(t), stopA.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");
        await stopA.CancelAsync(); // a crashes: no release
        await runA.WaitAsync(Timeout);

        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var b = new LeaderElector(Client, Options("b"), clock);
        var runB = b.RunAsync(t => HoldAsync(t), stopB.Token);
        await Eventually.WaitUntilAsync(() => b.ObservedLeader == "a", Timeout, "b sees a's lease");
        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.False(b.IsLeader);

        await Eventually.WaitUntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(10)); // each step lets b's retry run; past 60 s the lease has expired
                return b.IsLeader;
            },
            Timeout,
            "b takes over the expired lease");
        var lease = await LeaseAsync();
        Assert.Equal("b", lease.Spec!.HolderIdentity);
        Assert.Equal(1, lease.Spec.LeaseTransitions);
        await stopB.CancelAsync();
        await runB.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Run_CancelledLeaderReleases_TheStandbyTakesOverWithoutWaitingForExpiry()
    {
        using var stopA = new CancellationTokenSource();
        using var stopB = new CancellationTokenSource();
        var a = new LeaderElector(Client, Options("a"));
        var runA = a.RunAsync(t => HoldAsync(t), stopA.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");
        var b = new LeaderElector(Client, Options("b"));
        var runB = b.RunAsync(t => HoldAsync(t), stopB.Token);
        await Eventually.WaitUntilAsync(() => b.ObservedLeader == "a", Timeout, "b stands by");

        await stopA.CancelAsync();

        Assert.False(await runA.WaitAsync(Timeout));
        await Eventually.WaitUntilAsync(() => b.IsLeader, Timeout, "b takes over the released lease (the lease is 60 s: only a release makes this possible)");
        await stopB.CancelAsync();
        await runB.WaitAsync(Timeout);
    }

    [Fact]
    public async Task Run_RenewFailsPastTheDeadline_LeaderStepsDownAndSignals()
    {
        using var stop = new CancellationTokenSource();
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var a = new LeaderElector(Client, Options("a"), clock);
        var leadershipEnded = new TaskCompletionSource();
        var runA = a.RunAsync(async t => { await HoldAsync(t); leadershipEnded.TrySetResult(); }, stop.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");

        Server.FailNext(503, count: 100_000, pathContains: "/leases/");

        await Eventually.WaitUntilAsync(
            () =>
            {
                clock.Advance(TimeSpan.FromSeconds(5)); // renewals keep failing; past the 40 s deadline a steps down
                return runA.IsCompleted;
            },
            Timeout,
            "a steps down");
        Assert.True(await runA, "leadership lost");
        Assert.True(leadershipEnded.Task.IsCompleted);
        Assert.False(a.IsLeader);
    }

    [Fact]
    public async Task Run_SomeoneElseTakesTheLease_LeaderStepsDown()
    {
        using var stop = new CancellationTokenSource();
        var a = new LeaderElector(Client, Options("a"));
        var runA = a.RunAsync(t => HoldAsync(t), stop.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");

        // Another writer renews the lease behind a's back: a's next write carries a stale resourceVersion, and it sees the holder.
        var lease = await LeaseAsync();
        lease.Spec.HolderIdentity = "intruder";
        lease.Spec.RenewTime = DateTime.UtcNow;
        await Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, LeaseName, LeaseNs);

        Assert.True(await runA.WaitAsync(Timeout), "a sees another holder and steps down");
        Assert.Equal("intruder", (await LeaseAsync()).Spec.HolderIdentity);
    }

    [Fact]
    public async Task Run_LeadingWorkFails_ReleasesTheLeaseAndRethrows()
    {
        var a = new LeaderElector(Client, Options("a"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            a.RunAsync(_ => Task.FromException(new InvalidOperationException("boom")), CancellationToken.None).WaitAsync(Timeout));

        Assert.Equal("boom", error.Message);
        Assert.False(a.IsLeader);
        Assert.Null((await LeaseAsync()).Spec!.HolderIdentity);
    }

    [Fact]
    public async Task Run_LeaseCreatedWithoutKind_FakeServerAcceptsItLikeTheRealOne()
    {
        using var stop = new CancellationTokenSource();
        var a = new LeaderElector(Client, Options("a"));
        var runA = a.RunAsync(t => HoldAsync(t), stop.Token);
        await Eventually.WaitUntilAsync(() => a.IsLeader, Timeout, "a leads");

        var created = Assert.Single(Server.Requests, r => r.Method == "POST" && r.Path.EndsWith("/leases", StringComparison.Ordinal));
        Assert.Equal(201, created.StatusCode);
        var stored = Server.Get("coordination.k8s.io", "leases", LeaseNs, LeaseName)!;
        Assert.Equal(("Lease", "coordination.k8s.io/v1"), (stored["kind"]!.GetValue<string>(), stored["apiVersion"]!.GetValue<string>()));
        await stop.CancelAsync();
        await runA.WaitAsync(Timeout);
    }

    [Fact]
    public void Options_InvalidTimings_Rejected()
    {
        var bad = new LeaderElectionOptions { Namespace = "n", Name = "l", Identity = "i", LeaseDuration = TimeSpan.FromSeconds(5), RenewDeadline = TimeSpan.FromSeconds(10) };

        Assert.Throws<ArgumentException>(() => new LeaderElector(Client, bad));
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
