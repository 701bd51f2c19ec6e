using System.Runtime.InteropServices;

namespace MqttSource.Hosting;

/// <summary>
/// SIGTERM, SIGINT and SIGQUIT as one stop request. Their default action (end the process at once) is cancelled, so that
/// the process can drain, disconnect and release what it holds; a second signal changes nothing.
/// </summary>
public sealed class ShutdownSignals : IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration[] _registrations;

    public ShutdownSignals()
    {
        _registrations = [Register(PosixSignal.SIGTERM), Register(PosixSignal.SIGINT), Register(PosixSignal.SIGQUIT)];
    }

    /// <summary>Cancelled on the first signal.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>Completes on the first signal.</summary>
    public Task Stopped => _stopped.Task;

    public void Dispose()
    {
        foreach (var registration in _registrations)
        {
            registration.Dispose();
        }

        _stopping.Dispose();
    }

    private PosixSignalRegistration Register(PosixSignal signal) => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        if (_stopped.TrySetResult())
        {
            try
            {
                _stopping.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // A signal during Dispose: the process is on its way out already.
            }
        }
    });
}
