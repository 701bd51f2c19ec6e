using System.Globalization;
using MqttSource.Testing.Mosquitto;
using MqttSource.Testing.Sinks;

namespace MqttSource.Testing.Faults;

/// <summary>
/// One fault case while it runs: Mosquitto (persistence on, queue limits high), the loopback sink(s) and whatever stands
/// in front of them or of the broker, the adapter process (QoS 1, parallelism 4), the numbered messages published so
/// far, the fault's start and end, and what went wrong. The case's fault and checks work through it.
/// </summary>
public sealed class FaultRun : IAsyncDisposable
{
    /// <summary><c>--parallelism</c> of every case: events in flight = MQTT 5 Receive Maximum.</summary>
    public const int Parallelism = 4;

    private static readonly TimeSpan s_readyTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan s_readinessSampling = TimeSpan.FromMilliseconds(250);

    private readonly Lock _gate = new();
    private readonly List<string> _failures = [];
    private readonly List<string> _notes = [];
    private readonly List<(DateTimeOffset At, bool Ready)> _readiness = [];
    private readonly Action<string> _progress;
    private CancellationTokenSource? _sampling;
    private Task _samplingLoop = Task.CompletedTask;

    internal FaultRun(FaultCase faultCase, FaultScale scale, Action<string>? progress)
    {
        Case = faultCase;
        Scale = scale;
        _progress = progress ?? (_ => { });
    }

    /// <summary>The case being run.</summary>
    public FaultCase Case { get; }

    /// <summary>How long and how big.</summary>
    public FaultScale Scale { get; }

    /// <summary>The broker (the publisher always talks to it directly).</summary>
    public MosquittoBroker Broker { get; private set; } = null!;

    /// <summary>The sink that accepts the events.</summary>
    public LoopbackSink Sink { get; private set; } = null!;

    /// <summary>The dead-letter sink, when the case has one.</summary>
    public LoopbackSink? DeadLetter { get; private set; }

    /// <summary>The proxy in front of the sink, with <see cref="SinkFront.Proxy"/>.</summary>
    public FaultProxy? SinkProxy { get; private set; }

    /// <summary>The redirector in front of the sink, with <see cref="SinkFront.Redirect"/>.</summary>
    public RedirectSink? Redirector { get; private set; }

    /// <summary>The proxy between the adapter and the broker, with <see cref="FaultCase.BrokerProxy"/>.</summary>
    public FaultProxy? BrokerProxy { get; private set; }

    /// <summary>The adapter process(es).</summary>
    public FaultAdapter Adapter { get; private set; } = null!;

    /// <summary>The sink where the numbered messages must end.</summary>
    public LoopbackSink NumberedDestination => Case.NumberedGoToDeadLetterSink ? DeadLetter! : Sink;

    /// <summary>Publishes the numbered and the poison messages, straight to the broker.</summary>
    public FaultPublisher Publisher { get; private set; } = null!;

    /// <summary>Numbered messages published and acknowledged by the broker so far (1..Sent).</summary>
    public int Sent => Publisher?.Sent ?? 0;

    /// <summary>When the fault began, once it did.</summary>
    public DateTimeOffset? FaultStartedAt { get; private set; }

    /// <summary>When the fault ended, once it did.</summary>
    public DateTimeOffset? FaultEndedAt { get; private set; }

    /// <summary>What failed so far.</summary>
    public IReadOnlyList<string> Failures
    {
        get
        {
            lock (_gate)
            {
                return [.. _failures];
            }
        }
    }

    /// <summary>What was observed (figures worth reporting that are not failures).</summary>
    public IReadOnlyList<string> Notes
    {
        get
        {
            lock (_gate)
            {
                return [.. _notes];
            }
        }
    }

    /// <summary><c>/readiness</c> as sampled every 250 ms while the fault lasted.</summary>
    public IReadOnlyList<(DateTimeOffset At, bool Ready)> Readiness
    {
        get
        {
            lock (_gate)
            {
                return [.. _readiness];
            }
        }
    }

    /// <summary>The MQTT keep alive the adapter runs with.</summary>
    public TimeSpan KeepAlive => Case.ShortKeepAlive ? Scale.KeepAlive : TimeSpan.FromSeconds(30);

    /// <summary>Records a failure of the promise.</summary>
    public void Fail(string reason)
    {
        lock (_gate)
        {
            _failures.Add(reason);
        }

        _progress($"{Case.Name}: FAIL {reason}");
    }

    /// <summary>Records an observation.</summary>
    public void Note(string note)
    {
        lock (_gate)
        {
            _notes.Add(note);
        }

        _progress($"{Case.Name}: {note}");
    }

    /// <summary>Marks the start of the fault (and starts sampling <c>/readiness</c>).</summary>
    public void FaultStarts()
    {
        FaultStartedAt = DateTimeOffset.UtcNow;
        _sampling = new CancellationTokenSource();
        _samplingLoop = SampleReadinessAsync(_sampling.Token);
        _progress($"{Case.Name}: fault starts");
    }

    /// <summary>Marks the end of the fault.</summary>
    public void FaultEnds()
    {
        FaultEndedAt = DateTimeOffset.UtcNow;
        _sampling?.Cancel();
        _progress($"{Case.Name}: fault ends");
    }

    /// <summary>Waits until the fault has lasted <see cref="FaultScale.FaultDuration"/> (the fault's own length, not a wait for a condition).</summary>
    public Task UntilFaultDurationAsync(CancellationToken cancellationToken = default)
    {
        var left = (FaultStartedAt ?? throw new InvalidOperationException("The fault has not started.")) + Scale.FaultDuration - DateTimeOffset.UtcNow;
        return left > TimeSpan.Zero ? Task.Delay(left, cancellationToken) : Task.CompletedTask;
    }

    /// <summary>Waits for <paramref name="condition"/>; on timeout records a failure naming <paramref name="because"/> and returns false.</summary>
    public async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, CancellationToken cancellationToken = default)
    {
        try
        {
            await Eventually.WaitUntilAsync(condition, timeout, because, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException e)
        {
            Fail(e.Message);
            return false;
        }
    }

    /// <summary>The numbered messages counted at <see cref="NumberedDestination"/> (2xx answers only).</summary>
    public DeliveryTally Tally() => DeliveryTally.Count(NumberedDestination.AcceptedRequests.Select(r => r.BodyText), Sent);

    /// <summary>Numbered messages accepted by <see cref="NumberedDestination"/> so far, duplicates included.</summary>
    public int AcceptedNumbered() => NumberedDestination.Count(r => r.Accepted && r.BodyText.StartsWith("message-", StringComparison.Ordinal));

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _sampling?.Cancel();
        await _samplingLoop.ConfigureAwait(false);
        _sampling?.Dispose();
        if (Adapter is not null)
        {
            await Adapter.DisposeAsync().ConfigureAwait(false);
        }

        foreach (var disposable in new IAsyncDisposable?[] { BrokerProxy, SinkProxy, Redirector, DeadLetter, Sink, Broker })
        {
            if (disposable is not null)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Starts the broker, the sinks, the proxies and the adapter, and waits until the adapter is ready.</summary>
    internal async Task StartAsync(CancellationToken cancellationToken)
    {
        Broker = await MosquittoBroker.StartAsync(
            new MosquittoOptions
            {
                Persistence = true,
                AutosaveInterval = TimeSpan.FromSeconds(1),
                MaxQueuedMessages = 1_000_000,
                MaxInflightMessages = 1000,
            },
            cancellationToken).ConfigureAwait(false);
        Publisher = new FaultPublisher(Broker, Case.NumberedContentType);
        Sink = await LoopbackSink.StartAsync(cancellationToken).ConfigureAwait(false);
        if (Case.DeadLetterSink)
        {
            DeadLetter = await LoopbackSink.StartAsync(cancellationToken).ConfigureAwait(false);
        }

        Uri sinkUrl;
        switch (Case.SinkFront)
        {
            case SinkFront.Proxy:
                SinkProxy = FaultProxy.Start(Sink.Url);
                sinkUrl = SinkProxy.HttpUrl;
                break;
            case SinkFront.Redirect:
                Redirector = await RedirectSink.StartAsync(Case.RedirectStatus, Sink.Url, Case.RedirectHops, Case.RedirectLoop, cancellationToken).ConfigureAwait(false);
                sinkUrl = Redirector.Url;
                break;
            default:
                sinkUrl = Sink.Url;
                break;
        }

        if (Case.BrokerProxy)
        {
            BrokerProxy = FaultProxy.Start(Broker.Host, Broker.Port);
        }

        var config = Path.Combine(Broker.Directory, "mqttsource.yaml");
        await File.WriteAllTextAsync(config, FaultAdapterConfig.Build(Case, Scale, sinkUrl, BrokerProxy?.MqttUrl ?? Broker.Url, DeadLetter?.Url), cancellationToken).ConfigureAwait(false);
        var httpPort = TestPorts.GetFreeTcpPort();
        var clientId = $"fault-{Case.Name}-{Guid.NewGuid():N}"[..40];
        Adapter = new FaultAdapter(
            [
                "--config", config,
                "--client-id", clientId,
                "--parallelism", Parallelism.ToString(CultureInfo.InvariantCulture),
                "--http-port", httpPort.ToString(CultureInfo.InvariantCulture),
                "--http-host", "127.0.0.1",
            ],
            httpPort);
        await Adapter.StartAsync(s_readyTimeout, cancellationToken).ConfigureAwait(false);
        _progress($"{Case.Name}: adapter ready (sink {sinkUrl}, broker {BrokerProxy?.MqttUrl ?? Broker.Url})");
    }

    private async Task SampleReadinessAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var ready = await Adapter.IsReadyAsync(cancellationToken).ConfigureAwait(false);
                lock (_gate)
                {
                    _readiness.Add((DateTimeOffset.UtcNow, ready));
                }

                await Task.Delay(s_readinessSampling, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // The fault ended.
        }
    }
}
