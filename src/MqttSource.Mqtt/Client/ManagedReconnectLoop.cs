namespace MqttSource.Mqtt.Client;

/// <summary>
/// Automatic reconnect: connect, wait for the connection to end, back off, again — until cancelled. Whatever an attempt
/// throws (refusal, network, TLS, timeout, or an exception nobody expected) is reported and the loop goes on.
/// </summary>
internal static class ManagedReconnectLoop
{
    /// <param name="connect">One connection attempt; returns the connection's completion.</param>
    /// <param name="reportFailure">Called with the exception of a failed attempt.</param>
    /// <param name="backoff">The delays between attempts (reset after a successful connection).</param>
    /// <param name="time">The clock the delays run on.</param>
    /// <param name="token">Ends the loop.</param>
    public static async Task RunAsync(Func<CancellationToken, Task<Task>> connect, Func<Exception, Task> reportFailure, ReconnectBackoff backoff, TimeProvider time, CancellationToken token)
    {
        while (!token.IsCancellationRequested)
        {
            Task? completion = null;
            try
            {
                completion = await connect(token).ConfigureAwait(false);
                backoff.Reset();
            }
            catch (OperationCanceledException) when (token.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                await reportFailure(ex).ConfigureAwait(false);
            }

            try
            {
                if (completion is not null)
                {
                    await completion.WaitAsync(token).ConfigureAwait(false);
                }

                await Task.Delay(backoff.Next(), time, token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
