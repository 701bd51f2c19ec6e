namespace MqttSource.Mqtt.Client;

/// <summary>
/// Keep alive of one connection. Sends PINGREQ when nothing was sent for three quarters of the period (the protocol's
/// duty) or nothing arrived for half of it (so that a silent broker is asked), and declares the connection dead when
/// nothing arrives within the timeout after a PINGREQ. The reader never waits for the application, so the answer is seen
/// even while deliveries apply backpressure; only while the reader itself is <see cref="Paused"/> (a broker sending more
/// QoS 1/2 messages than allowed) is nothing judged. A half-open connection is found within
/// period / 2 + timeout + two ticks (the default timeout is half the period: about 1.1 × the period).
/// </summary>
internal sealed class KeepAliveMonitor(TimeProvider time)
{
    private long _lastReceivedTicks = time.GetTimestamp();
    private long _lastSentTicks = time.GetTimestamp();
    private long _pingSentTicks;
    private long _resumedTicks;
    private volatile bool _paused;

    /// <summary>A packet arrived.</summary>
    public void Received() => Volatile.Write(ref _lastReceivedTicks, time.GetTimestamp());

    /// <summary>Packets were flushed to the broker.</summary>
    public void Sent() => Volatile.Write(ref _lastSentTicks, time.GetTimestamp());

    /// <summary>PINGRESP arrived.</summary>
    public void PingAnswered() => Volatile.Write(ref _pingSentTicks, 0);

    /// <summary>True while the reader waits for room for a message (it cannot see an answer then).</summary>
    public bool Paused
    {
        get => _paused;
        set
        {
            _paused = value;
            if (!value)
            {
                // The wait says nothing about the broker: judge from now on.
                Received();
                Volatile.Write(ref _resumedTicks, time.GetTimestamp());
            }
        }
    }

    /// <summary>True when the reader is paused now or was paused at any time since <paramref name="timestamp"/>.</summary>
    public bool PausedSince(long timestamp) => _paused || Volatile.Read(ref _resumedTicks) >= timestamp;

    /// <summary>Runs until <paramref name="token"/> fires or the connection is found dead (then <paramref name="dead"/> is called).</summary>
    public async Task RunAsync(TimeSpan period, TimeSpan timeout, Action sendPing, Action dead, CancellationToken token)
    {
        if (period <= TimeSpan.Zero)
        {
            return;
        }

        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 10, Math.Min(period.Ticks, timeout.Ticks) / 8));
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(tick, time, token).ConfigureAwait(false);
                var now = time.GetTimestamp();
                var pingSent = Volatile.Read(ref _pingSentTicks);
                var lastReceived = Volatile.Read(ref _lastReceivedTicks);
                if (pingSent != 0)
                {
                    if (lastReceived < pingSent && !_paused && time.GetElapsedTime(pingSent, now) > timeout)
                    {
                        dead();
                        return;
                    }

                    if (lastReceived >= pingSent)
                    {
                        // Something arrived after the PINGREQ: the connection is alive even if PINGRESP is still in the pipe.
                        Volatile.Write(ref _pingSentTicks, 0);
                    }
                }
                else if (time.GetElapsedTime(Volatile.Read(ref _lastSentTicks), now) >= period * 0.75
                    || (!_paused && time.GetElapsedTime(lastReceived, now) >= period * 0.5))
                {
                    Volatile.Write(ref _pingSentTicks, now);
                    sendPing();
                }
            }
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            // The connection ended.
        }
        catch (MqttCommunicationException)
        {
            // The writer is already closed.
        }
    }
}
