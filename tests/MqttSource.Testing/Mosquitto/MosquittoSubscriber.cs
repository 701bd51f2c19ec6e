using System.Diagnostics;
using MqttSource.Testing.Processes;

namespace MqttSource.Testing.Mosquitto;

/// <summary>
/// A running mosquitto_sub. <see cref="MosquittoClients.SubscribeAsync"/> returns it once the broker acknowledged
/// the subscription, so a publish that follows is received. Payloads are read as text lines: a payload line that
/// starts with <c>Client </c> would be taken for the tool's debug output.
/// </summary>
public sealed class MosquittoSubscriber : IAsyncDisposable
{
    // mosquitto_sub -F: each message on its own line as RS topic US retained US payload.
    private const char RecordSeparator = '\u001e';
    private const char UnitSeparator = '\u001f';
    private const int MaxCapturedLines = 1_000;

    private readonly Lock _gate = new();
    private readonly List<MosquittoReceivedMessage> _messages = [];
    private readonly BoundedLineBuffer _debug = new(MaxCapturedLines);
    private readonly BoundedLineBuffer _error = new(MaxCapturedLines);
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly string _command;
    private readonly TimeSpan _timeout;
    private Process? _process;
    private bool _lastLineWasPayload;

    private MosquittoSubscriber(string command, TimeSpan timeout)
    {
        _command = command;
        _timeout = timeout;
    }

    /// <summary>The messages received so far, in order.</summary>
    public IReadOnlyList<MosquittoReceivedMessage> Messages
    {
        get
        {
            lock (_gate)
            {
                return [.. _messages];
            }
        }
    }

    /// <summary>The tool's debug output and stderr so far, for failure messages.</summary>
    public string Diagnostics => $"{_command}\n--- debug ---\n{_debug}--- stderr ---\n{_error}";

    /// <summary>Waits until at least <paramref name="count"/> messages arrived and returns them all.</summary>
    public async Task<IReadOnlyList<MosquittoReceivedMessage>> WaitForMessagesAsync(
        int count,
        TimeSpan? timeout = null,
        CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? _timeout;
        try
        {
            await Eventually.WaitUntilAsync(
                () => MessageCount() >= count,
                limit,
                $"mosquitto_sub received {count} message(s)",
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message} It has {MessageCount()}.\n{Diagnostics}", e);
        }

        return Messages;
    }

    /// <summary>Kills the tool.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            ChildProcess.KillQuietly(process);
            await process.WaitForExitAsync().ConfigureAwait(false);
            process.Dispose();
            _process = null;
        }
    }

    internal static async Task<MosquittoSubscriber> StartAsync(MosquittoClientOptions options, string topic, CancellationToken cancellationToken)
    {
        var arguments = options.ConnectionArguments();
        arguments.AddRange(["-t", topic, "-d", "-F", $"{RecordSeparator}%t{UnitSeparator}%r{UnitSeparator}%p"]);
        arguments.AddRange(options.ExtraArguments);
        // stdbuf -oL: mosquitto_sub block-buffers its debug lines on a pipe, which would hide the SUBACK.
        arguments.InsertRange(0, ["-oL", Executables.Find("mosquitto_sub")]);
        var startInfo = ChildProcess.CreateStartInfo("stdbuf", arguments, redirectInput: false);
        var subscriber = new MosquittoSubscriber($"mosquitto_sub {string.Join(' ', arguments.Skip(2))}", options.Timeout);
        var process = ChildProcess.Start(startInfo, subscriber.OnOutput, subscriber._error.Add);
        subscriber._process = process;
        process.Exited += (_, _) => subscriber._subscribed.TrySetException(
            new ProcessExitedException("mosquitto_sub", process.ExitCode));
        try
        {
            await subscriber._subscribed.Task.WaitAsync(options.Timeout, cancellationToken).ConfigureAwait(false);
            return subscriber;
        }
        catch (Exception e) when (e is ProcessExitedException or TimeoutException)
        {
            await subscriber.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"mosquitto_sub did not subscribe ({e.Message}).\n{subscriber.Diagnostics}", e);
        }
        catch
        {
            await subscriber.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private int MessageCount()
    {
        lock (_gate)
        {
            return _messages.Count;
        }
    }

    private void OnOutput(string line)
    {
        lock (_gate)
        {
            if (line.Length > 0 && line[0] == RecordSeparator)
            {
                var parts = line[1..].Split(UnitSeparator, 3);
                _messages.Add(new MosquittoReceivedMessage(parts[0], parts.Length > 2 ? parts[2] : string.Empty, parts.Length > 1 && parts[1] == "1"));
                _lastLineWasPayload = true;
                return;
            }

            if (_lastLineWasPayload && !line.StartsWith("Client ", StringComparison.Ordinal))
            {
                // A payload with a newline continues on the next line.
                var last = _messages[^1];
                _messages[^1] = last with { Payload = last.Payload + "\n" + line };
                return;
            }

            _lastLineWasPayload = false;
            _debug.Add(line);
            if (line.StartsWith("Subscribed (mid:", StringComparison.Ordinal))
            {
                _subscribed.TrySetResult();
            }
        }
    }
}
