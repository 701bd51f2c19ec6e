using System.Globalization;
using MqttSource.Apis.Durations;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Status;
using MqttSource.Apis.Topics;
using MqttSource.Apis.Validation;

namespace MqttSource.Apis.Settings;

/// <summary>
/// The effective settings of one MqttSource: the spec validated, with every default applied and every string
/// parsed. Build with <see cref="Resolve(MqttSourceSpec, string, string?)"/>.
/// </summary>
public sealed class MqttSourceSettings
{
    private MqttSourceSettings()
    {
    }

    /// <summary>The source's name.</summary>
    public required string Name { get; init; }

    /// <summary>The source's namespace; null when standalone.</summary>
    public string? Namespace { get; init; }

    /// <summary>Host, effective port and TLS of the broker.</summary>
    public required BrokerAddress Broker { get; init; }

    /// <summary>MQTT 5 (default) or 3.1.1.</summary>
    public required BrokerProtocolVersion ProtocolVersion { get; init; }

    /// <summary>The base client id (<c>spec.broker.clientId</c> or <c>&lt;namespace&gt;.&lt;name&gt;</c>).</summary>
    public required string ClientId { get; init; }

    /// <summary>The keep alive period (whole seconds).</summary>
    public required TimeSpan KeepAlive { get; init; }

    /// <summary>Whether to keep the session: clean start off and, in MQTT 5, a session expiry.</summary>
    public required bool SessionPersistent { get; init; }

    /// <summary>The session expiry asked for when persistent (whole seconds).</summary>
    public required TimeSpan SessionExpiry { get; init; }

    /// <summary>The MQTT 5 Session Expiry Interval to send: <see cref="SessionExpiry"/> in seconds when persistent, else 0.</summary>
    public uint SessionExpiryInterval => SessionPersistent ? (uint)SessionExpiry.TotalSeconds : 0;

    /// <summary>Credentials from Secrets, or null.</summary>
    public AuthSpec? Auth { get; init; }

    /// <summary>TLS material from Secrets, or null.</summary>
    public TlsSpec? Tls { get; init; }

    /// <summary>The name for SNI and the certificate check: <c>tls.serverName</c> or the broker host.</summary>
    public required string TlsServerName { get; init; }

    /// <summary>The subscriptions, in spec order.</summary>
    public required IReadOnlyList<TopicSettings> Topics { get; init; }

    /// <summary>The shared subscription group, or null.</summary>
    public string? SharedGroup { get; init; }

    /// <summary>Adapter replicas.</summary>
    public required int Replicas { get; init; }

    /// <summary>The default CloudEvent type.</summary>
    public required string EventType { get; init; }

    /// <summary>The CloudEvent source.</summary>
    public required string EventSource { get; init; }

    /// <summary>Binary (default) or structured.</summary>
    public required EventContentMode ContentMode { get; init; }

    /// <summary>Content type for messages without one, or null to detect.</summary>
    public string? DataContentType { get; init; }

    /// <summary>Forward messages that already are CloudEvents (auto) or wrap all (never).</summary>
    public required PassthroughMode Passthrough { get; init; }

    /// <summary>Where the event id comes from, or null for a UUIDv7.</summary>
    public IdSource? IdFrom { get; init; }

    /// <summary>Per-topic order kept (ordered) or not.</summary>
    public required DeliveryOrdering Ordering { get; init; }

    /// <summary>Maximum events in flight to the sink.</summary>
    public required int Parallelism { get; init; }

    /// <summary>Retries, backoff, timeout, dead-letter sink.</summary>
    public required DeliverySettings Delivery { get; init; }

    /// <summary>Extensions set on every event (<c>spec.ceOverrides.extensions</c>).</summary>
    public required IReadOnlyDictionary<string, string> CeExtensions { get; init; }

    /// <summary>The sink as written, or null (standalone with a sink from the command line).</summary>
    public Destination? Sink { get; init; }

    /// <summary>Pod template overrides, untouched.</summary>
    public AdapterSpec? Adapter { get; init; }

    /// <summary>
    /// Validates <paramref name="spec"/> and applies the defaults for source <paramref name="name"/> in
    /// <paramref name="namespace"/> (null = standalone: source <c>mqtt://host:port</c>, client id <paramref name="name"/>,
    /// sink rules of <see cref="ValidationMode.StandaloneWithSink"/>; else <see cref="ValidationMode.Kubernetes"/>).
    /// </summary>
    /// <exception cref="MqttSourceValidationException">The spec is invalid; lists every problem.</exception>
    public static MqttSourceSettings Resolve(MqttSourceSpec spec, string name, string? @namespace) =>
        Resolve(spec, name, @namespace, string.IsNullOrEmpty(@namespace) ? ValidationMode.StandaloneWithSink : ValidationMode.Kubernetes);

    /// <summary>As <see cref="Resolve(MqttSourceSpec, string, string?)"/> with the sink rules of <paramref name="mode"/>.</summary>
    /// <exception cref="MqttSourceValidationException">The spec is invalid; lists every problem.</exception>
    public static MqttSourceSettings Resolve(MqttSourceSpec spec, string name, string? @namespace, ValidationMode mode)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrEmpty(name);
        MqttSourceValidator.ThrowIfInvalid(spec, mode);

        var broker = spec.Broker!;
        var address = BrokerAddress.Parse(broker.Url!);
        var group = NullIfEmpty(spec.SharedGroup);
        var ev = spec.Event ?? new EventSpec();
        var delivery = spec.Delivery ?? new DeliverySpec();
        return new MqttSourceSettings
        {
            Name = name,
            Namespace = NullIfEmpty(@namespace),
            Broker = address,
            ProtocolVersion = Enum(SpecEnum.ProtocolVersions, broker.ProtocolVersion),
            ClientId = NullIfEmpty(broker.ClientId) ?? MqttSourceDefaults.ClientId(name, @namespace),
            KeepAlive = Duration(broker.KeepAlive, GoDuration.Parse, MqttSourceDefaults.KeepAlive),
            SessionPersistent = broker.Session?.Persistent ?? MqttSourceDefaults.SessionPersistent,
            SessionExpiry = Duration(broker.Session?.Expiry, GoDuration.Parse, MqttSourceDefaults.SessionExpiry),
            Auth = broker.Auth,
            Tls = broker.Tls,
            TlsServerName = NullIfEmpty(broker.Tls?.ServerName) ?? address.Host,
            Topics = [.. spec.Topics!.Select(t => new TopicSettings(t.Filter!, MqttTopicFilter.Share(t.Filter!, group), t.Qos ?? MqttSourceDefaults.Qos, t.Type))],
            SharedGroup = group,
            Replicas = spec.Replicas ?? MqttSourceDefaults.Replicas,
            EventType = ev.Type ?? MqttSourceDefaults.EventType,
            EventSource = NullIfEmpty(ev.Source) ?? MqttSourceDefaults.EventSource(name, @namespace, address),
            ContentMode = Enum(SpecEnum.ContentModes, ev.ContentMode),
            DataContentType = NullIfEmpty(ev.DataContentType),
            Passthrough = Enum(SpecEnum.Passthrough, ev.Passthrough),
            IdFrom = IdSource.TryParse(ev.IdFrom, out var idFrom, out _) ? idFrom : null,
            Ordering = Enum(SpecEnum.Orderings, spec.Ordering),
            Parallelism = spec.Parallelism ?? MqttSourceDefaults.Parallelism,
            Delivery = new DeliverySettings(
                delivery.Retry,
                Enum(SpecEnum.BackoffPolicies, delivery.BackoffPolicy),
                Duration(delivery.BackoffDelay, IsoDuration.Parse, MqttSourceDefaults.BackoffDelay),
                Duration(delivery.Timeout, IsoDuration.Parse, MqttSourceDefaults.Timeout),
                delivery.DeadLetterSink),
            CeExtensions = spec.CeOverrides?.Extensions ?? new Dictionary<string, string>(),
            Sink = spec.Sink,
            Adapter = spec.Adapter,
        };
    }

    /// <summary>The client id of replica <paramref name="ordinal"/>: <c>&lt;clientId&gt;-&lt;ordinal&gt;</c> (the StatefulSet pod ordinal).</summary>
    public string ClientIdForReplica(int ordinal)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(ordinal);
        return ClientId + "-" + ordinal.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The CloudEvent type of a message on <paramref name="topic"/>: the first topic entry whose filter matches and that has a type, else <see cref="EventType"/>.</summary>
    public string TypeForTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        foreach (var entry in Topics)
        {
            if (entry.Type is not null && MqttTopicFilter.Matches(entry.Filter, topic))
            {
                return entry.Type;
            }
        }

        return EventType;
    }

    /// <summary>
    /// <c>status.ceAttributes</c>: one <c>{type, source}</c> per distinct type, topic types in spec order, then the
    /// default type — only when some topic entry has no type (otherwise no wrapped event can carry it).
    /// </summary>
    public IReadOnlyList<CloudEventAttributes> CeAttributes()
    {
        var types = Topics.Select(t => t.Type ?? EventType).Distinct(StringComparer.Ordinal);
        return [.. types.Select(t => new CloudEventAttributes { Type = t, Source = EventSource })];
    }

    private static T Enum<T>(KeyValuePair<string, T>[] names, string? text)
    {
        SpecEnum.TryParse(names, text, out var value, out _);
        return value;
    }

    private static TimeSpan Duration(string? text, Func<string, TimeSpan> parse, TimeSpan fallback) =>
        string.IsNullOrEmpty(text) ? fallback : parse(text);

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
