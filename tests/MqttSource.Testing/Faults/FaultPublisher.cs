using System.Globalization;
using MqttSource.Testing.Mosquitto;

namespace MqttSource.Testing.Faults;

/// <summary>
/// Publishes the messages of one fault case straight to the broker with mosquitto_pub (QoS 1): the numbered ones
/// (<c>message-1</c>, <c>message-2</c> …) at once or paced, and the poison ones. Only what the broker acknowledged counts as sent.
/// </summary>
public sealed class FaultPublisher
{
    /// <summary>
    /// Numbered message <c>n</c> goes to topic <c>probe/{n % Topics}</c> (the adapter subscribes to <c>probe/#</c>): with
    /// per-topic ordering, as many topics as the window is wide keep the whole window busy.
    /// </summary>
    public const int Topics = FaultRun.Parallelism;

    private static readonly TimeSpan s_publishTimeout = TimeSpan.FromSeconds(60);

    private readonly MosquittoBroker _broker;
    private readonly string? _contentType;
    private readonly List<PoisonMessage> _poisons = [];
    private int _published;

    /// <summary>A publisher to <paramref name="broker"/>; the numbered messages go as MQTT 5 with <paramref name="contentType"/> when it is set, else as MQTT 3.1.1.</summary>
    public FaultPublisher(MosquittoBroker broker, string? contentType)
    {
        _broker = broker;
        _contentType = contentType;
    }

    /// <summary>Numbered messages published and acknowledged by the broker so far (1..Sent).</summary>
    public int Sent { get; private set; }

    /// <summary>The poison messages published, in order.</summary>
    public IReadOnlyList<PoisonMessage> Poisons => [.. _poisons];

    /// <summary>Publishes the next <paramref name="count"/> numbered QoS 1 messages at once, one connection per topic.</summary>
    public async Task PublishAsync(int count, CancellationToken cancellationToken = default)
    {
        if (count <= 0)
        {
            return;
        }

        var results = await Task.WhenAll(NextNumbers(count)
            .GroupBy(n => TopicOf(n))
            .Select(g => MosquittoClients.PublishLinesAsync(NumberedPublisher(), g.Key, g.Select(Body), cancellationToken))).ConfigureAwait(false);
        if (results.FirstOrDefault(r => !r.Succeeded) is { } failed)
        {
            throw new InvalidOperationException($"publishing failed:\n{failed}");
        }

        Sent += count;
    }

    /// <summary>Publishes the next <paramref name="count"/> numbered QoS 1 messages spread evenly over <paramref name="over"/>, one connection per topic.</summary>
    public async Task PublishPacedAsync(int count, TimeSpan over, CancellationToken cancellationToken = default)
    {
        if (count <= 0)
        {
            return;
        }

        var numbers = NextNumbers(count);
        var publishers = Enumerable.Range(0, Topics).Select(t => MosquittoLinePublisher.Start(NumberedPublisher(), TopicOf(t))).ToList();
        try
        {
            var started = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var due = started + (over * i / count) - DateTimeOffset.UtcNow;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, cancellationToken).ConfigureAwait(false);
                }

                await publishers[numbers[i] % Topics].PublishAsync([Body(numbers[i])], cancellationToken).ConfigureAwait(false);
            }

            var results = await Task.WhenAll(publishers.Select(p => p.CompleteAsync(s_publishTimeout, cancellationToken))).ConfigureAwait(false);
            if (results.FirstOrDefault(r => !r.Succeeded) is { } failed)
            {
                throw new InvalidOperationException($"publishing failed:\n{failed}");
            }
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                await publisher.DisposeAsync().ConfigureAwait(false);
            }
        }

        Sent += count;
    }

    /// <summary>Publishes one poison message (MQTT 5, QoS 1).</summary>
    public async Task PublishPoisonAsync(PoisonMessage poison, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(poison);
        var file = Path.Combine(_broker.Directory, string.Create(CultureInfo.InvariantCulture, $"poison-{_poisons.Count}.bin"));
        await File.WriteAllBytesAsync(file, poison.Payload, cancellationToken).ConfigureAwait(false);
        var options = _broker.ClientOptions() with
        {
            Qos = 1,
            ProtocolVersion = MosquittoProtocolVersion.V5,
            ContentType = poison.ContentType,
            UserProperties = poison.UserProperties,
            Timeout = s_publishTimeout,
        };
        var result = await MosquittoClients.PublishFileAsync(options, TopicOf(0), file, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"publishing the poison '{poison.Name}' failed (did the broker refuse it?):\n{result}");
        }

        _poisons.Add(poison);
    }

    private MosquittoClientOptions NumberedPublisher() => _broker.ClientOptions() with
    {
        Qos = 1,
        Timeout = s_publishTimeout,
        ProtocolVersion = _contentType is null ? MosquittoProtocolVersion.V311 : MosquittoProtocolVersion.V5,
        ContentType = _contentType,
    };

    private static string TopicOf(int number) => "probe/" + (number % Topics).ToString(CultureInfo.InvariantCulture);

    private static string Body(int number) => "message-" + number.ToString(CultureInfo.InvariantCulture);

    private List<int> NextNumbers(int count)
    {
        var first = _published + 1;
        _published += count;
        return [.. Enumerable.Range(first, count)];
    }
}
