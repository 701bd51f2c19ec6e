using System.Globalization;
using MqttSource.Testing.Processes;

namespace MqttSource.Testing.Mosquitto;

/// <summary>Runs mosquitto_pub / mosquitto_sub from tests, each bounded by <see cref="MosquittoClientOptions.Timeout"/>.</summary>
public static class MosquittoClients
{
    /// <summary>Publishes one message (<c>-m</c>; <c>-n</c> for an empty payload).</summary>
    public static Task<MosquittoClientResult> PublishAsync(
        MosquittoClientOptions options,
        string topic,
        string message,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(message);
        var arguments = options.PublishArguments(topic);
        if (message.Length == 0)
        {
            arguments.Add("-n");
        }
        else
        {
            arguments.AddRange(["-m", message]);
        }

        return RunPublishAsync(options, arguments, null, cancellationToken);
    }

    /// <summary>Publishes the whole file as one message (<c>-f</c>).</summary>
    public static Task<MosquittoClientResult> PublishFileAsync(
        MosquittoClientOptions options,
        string topic,
        string filePath,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var arguments = options.PublishArguments(topic);
        arguments.AddRange(["-f", filePath]);
        return RunPublishAsync(options, arguments, null, cancellationToken);
    }

    /// <summary>Publishes one message per line over a single connection (<c>-l</c>, lines on stdin).</summary>
    public static Task<MosquittoClientResult> PublishLinesAsync(
        MosquittoClientOptions options,
        string topic,
        IEnumerable<string> lines,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(lines);
        var arguments = options.PublishArguments(topic);
        arguments.Add("-l");
        return RunPublishAsync(options, arguments, lines, cancellationToken);
    }

    /// <summary>Publishes <paramref name="count"/> messages <c>{prefix}1</c> … <c>{prefix}{count}</c>, in order, over one connection.</summary>
    public static Task<MosquittoClientResult> PublishNumberedAsync(
        MosquittoClientOptions options,
        string topic,
        int count,
        string prefix = "message-",
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var lines = Enumerable.Range(1, count).Select(i => prefix + i.ToString(CultureInfo.InvariantCulture));
        return PublishLinesAsync(options, topic, lines, cancellationToken);
    }

    /// <summary>Starts mosquitto_sub on <paramref name="topic"/> (a filter) and returns once the subscription is acknowledged.</summary>
    public static Task<MosquittoSubscriber> SubscribeAsync(
        MosquittoClientOptions options,
        string topic,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        return MosquittoSubscriber.StartAsync(options, topic, cancellationToken);
    }

    private static Task<MosquittoClientResult> RunPublishAsync(
        MosquittoClientOptions options,
        List<string> arguments,
        IEnumerable<string>? standardInput,
        CancellationToken cancellationToken)
    {
        arguments.AddRange(options.ExtraArguments);
        return ChildProcess.RunAsync("mosquitto_pub", arguments, standardInput, options.Timeout, cancellationToken);
    }
}
