namespace MqttSource.Mqtt.Client;

/// <summary>
/// Keep alive of one connection: sends PINGREQ when nothing was sent for three quarters of the period, and declares the
/// connection dead when nothing arrives within the timeout after a PINGREQ (unless the application is still handling a
/// message, which keeps the reader from seeing the answer).
/// </summary>
internal sealed class KeepAliveMonitor(TimeProvider time)
{
    private long _lastReceivedTicks = time.GetTimestamp();
    private long _lastSentTicks = time.GetTimestamp();
    private long _pingSentTicks;
    private volatile bool _dispatching;

    /// <summary>A packet arrived.</summary>
    public void Received() => Volatile.Write(ref _lastReceivedTicks, time.GetTimestamp());

    /// <summary>Packets were flushed to the broker.</summary>
    public void Sent() => Volatile.Write(ref _lastSentTicks, time.GetTimestamp());

    /// <summary>PINGRESP arrived.</summary>
    public void PingAnswered() => Volatile.Write(ref _pingSentTicks, 0);

    /// <summary>True while the application's handler runs on the reader.</summary>
    public bool Dispatching
    {
        get => _dispatching;
        set => _dispatching = value;
    }

    /// <summary>Runs until <paramref name="token"/> fires or the connection is found dead (then <paramref name="dead"/> is called).</summary>
    public async Task RunAsync(TimeSpan period, TimeSpan timeout, Action sendPing, Action dead, CancellationToken token)
    {
        if (period <= TimeSpan.Zero)
        {
            return;
        }

        var tick = TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond * 10, Math.Min(period.Ticks, timeout.Ticks) / 4));
        try
        {
            while (!token.IsCancellationRequested)
            {
                await Task.Delay(tick, time, token).ConfigureAwait(false);
                var now = time.GetTimestamp();
                var pingSent = Volatile.Read(ref _pingSentTicks);
                if (pingSent != 0)
                {
                    if (Volatile.Read(ref _lastReceivedTicks) < pingSent && !_dispatching && time.GetElapsedTime(pingSent, now) > timeout)
                    {
                        dead();
                        return;
                    }
                }
                else if (time.GetElapsedTime(Volatile.Read(ref _lastSentTicks), now) >= period * 0.75)
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
