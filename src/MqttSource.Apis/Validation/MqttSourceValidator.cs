using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using MqttSource.Apis.Durations;
using MqttSource.Apis.Settings;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Topics;

namespace MqttSource.Apis.Validation;

/// <summary>
/// Checks an <see cref="MqttSourceSpec"/> against every rule of PRODUCT.md §3 and reports all problems at once,
/// each with the field path (<c>spec.topics[1].filter</c>) and a message a user can act on.
/// </summary>
public static partial class MqttSourceValidator
{
    /// <summary>The most events in flight a source may ask for.</summary>
    public const int MaxParallelism = 1000;

    /// <summary>The longest MQTT keep alive (a 16-bit number of seconds).</summary>
    public static readonly TimeSpan MaxKeepAlive = TimeSpan.FromSeconds(ushort.MaxValue);

    /// <summary>The longest MQTT 5 session expiry (2^32-1 seconds; the broker keeps the session forever).</summary>
    public static readonly TimeSpan MaxSessionExpiry = TimeSpan.FromSeconds(uint.MaxValue);

    private static readonly string[] ReservedAttributes =
        ["specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time", "data", "data_base64"];

    /// <summary>Every problem with <paramref name="spec"/>; empty when it is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(MqttSourceSpec spec, ValidationMode mode = ValidationMode.Kubernetes)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = new List<FieldError>();
        ValidateBroker(spec.Broker, errors);
        ValidateTopics(spec.Topics, errors);
        ValidateScaling(spec, errors);
        ValidateEvent(spec.Event, errors);
        Enum(SpecEnum.Orderings, spec.Ordering, "spec.ordering", errors);
        if (spec.Parallelism is { } parallelism && parallelism is < 1 or > MaxParallelism)
        {
            errors.Add(new("spec.parallelism", Say($"must be 1..{MaxParallelism} (got {parallelism})")));
        }

        ValidateDelivery(spec.Delivery, mode, errors);
        errors.AddRange(ValidateCeOverrides(spec.CeOverrides, "spec.ceOverrides"));
        ValidateSink(spec.Sink, mode, errors);
        return errors;
    }

    /// <summary>Throws when <paramref name="spec"/> is invalid.</summary>
    /// <exception cref="MqttSourceValidationException">Lists every problem.</exception>
    public static void ThrowIfInvalid(MqttSourceSpec spec, ValidationMode mode = ValidationMode.Kubernetes)
    {
        var errors = Validate(spec, mode);
        if (errors.Count > 0)
        {
            throw new MqttSourceValidationException(errors);
        }
    }

    private static void ValidateBroker(BrokerSpec? broker, List<FieldError> errors)
    {
        if (broker is null)
        {
            errors.Add(new("spec.broker", "required, e.g. { url: mqtt://mosquitto:1883 }"));
            return;
        }

        if (!BrokerAddress.TryParse(broker.Url, out var address, out var urlError))
        {
            errors.Add(new("spec.broker.url", urlError!));
        }

        var protocol = Enum(SpecEnum.ProtocolVersions, broker.ProtocolVersion, "spec.broker.protocolVersion", errors);
        if (broker.ClientId is { Length: > 0 } clientId)
        {
            if (clientId.Contains('\0', StringComparison.Ordinal))
            {
                errors.Add(new("spec.broker.clientId", "must not contain U+0000"));
            }
            else if (Encoding.UTF8.GetByteCount(clientId) > MqttTopicFilter.MaxUtf8Bytes - 16)
            {
                errors.Add(new("spec.broker.clientId", "must be at most 65519 UTF-8 bytes (room for the replica suffix)"));
            }
        }

        Duration(broker.KeepAlive, "spec.broker.keepAlive", GoDuration.TryParse, MaxKeepAlive, errors);
        if (broker.Session is { } session)
        {
            Duration(session.Expiry, "spec.broker.session.expiry", GoDuration.TryParse, MaxSessionExpiry, errors);
        }

        if (broker.Auth is { } auth)
        {
            ReferenceRules.Secret(auth.Username, "spec.broker.auth.username", errors);
            ReferenceRules.Secret(auth.Password, "spec.broker.auth.password", errors);
            if (auth.Password is not null && auth.Username is null && protocol == BrokerProtocolVersion.V311)
            {
                errors.Add(new("spec.broker.auth.username", "required with a password under MQTT 3.1.1 (only MQTT 5 allows a password alone)"));
            }
        }

        if (broker.Tls is { } tls)
        {
            if (address is { UseTls: false })
            {
                errors.Add(new("spec.broker.tls", "set only with an mqtts:// url (the connection is plain mqtt://)"));
            }

            ReferenceRules.Secret(tls.CaCert, "spec.broker.tls.caCert", errors);
            ReferenceRules.Secret(tls.ClientCert, "spec.broker.tls.clientCert", errors);
            ReferenceRules.Secret(tls.ClientKey, "spec.broker.tls.clientKey", errors);
            if (tls.ClientCert is null != tls.ClientKey is null)
            {
                errors.Add(tls.ClientCert is null
                    ? new("spec.broker.tls.clientCert", "required with clientKey")
                    : new("spec.broker.tls.clientKey", "required with clientCert"));
            }

            if (tls.ServerName is { Length: > 0 } serverName && Uri.CheckHostName(serverName) == UriHostNameType.Unknown)
            {
                errors.Add(new("spec.broker.tls.serverName", "must be a host name (got \"" + serverName + "\")"));
            }
        }
    }

    private static void ValidateTopics(IReadOnlyList<TopicSpec>? topics, List<FieldError> errors)
    {
        if (topics is null || topics.Count == 0)
        {
            errors.Add(new("spec.topics", "at least one topic is required, e.g. [{ filter: sensors/# }]"));
            return;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < topics.Count; i++)
        {
            var path = Say($"spec.topics[{i}]");
            var topic = topics[i];
            if (topic is null)
            {
                errors.Add(new(path, "must be an object with a filter"));
                continue;
            }

            if (MqttTopicFilter.Validate(topic.Filter) is { } filterError)
            {
                errors.Add(new(path + ".filter", filterError));
            }
            else if (topic.Filter!.StartsWith("$share/", StringComparison.Ordinal))
            {
                errors.Add(new(path + ".filter", "must not start with $share/; set spec.sharedGroup instead"));
            }
            else if (!seen.TryAdd(topic.Filter, i))
            {
                errors.Add(new(path + ".filter", Say($"duplicates spec.topics[{seen[topic.Filter]}].filter")));
            }

            if (topic.Qos is { } qos && qos is < 0 or > 2)
            {
                errors.Add(new(path + ".qos", Say($"must be 0, 1 or 2 (got {qos})")));
            }

            NotBlank(topic.Type, path + ".type", errors);
        }
    }

    private static void ValidateScaling(MqttSourceSpec spec, List<FieldError> errors)
    {
        var group = spec.SharedGroup;
        if (!string.IsNullOrEmpty(group) && group.AsSpan().IndexOfAny("/+#\0") >= 0)
        {
            errors.Add(new("spec.sharedGroup", "must not contain '/', '+', '#' or U+0000"));
        }

        if (spec.Replicas is { } replicas)
        {
            if (replicas < 1)
            {
                errors.Add(new("spec.replicas", Say($"must be at least 1 (got {replicas})")));
            }
            else if (replicas > 1 && string.IsNullOrEmpty(group))
            {
                errors.Add(new("spec.replicas", "more than 1 replica requires spec.sharedGroup (else every replica gets every message)"));
            }
        }
    }

    private static void ValidateEvent(EventSpec? ev, List<FieldError> errors)
    {
        if (ev is null)
        {
            return;
        }

        NotBlank(ev.Type, "spec.event.type", errors);
        if (ev.Source is { Length: > 0 } source && !UriText.IsUriReference(source))
        {
            errors.Add(new("spec.event.source", "must be a URI-reference, e.g. /my/source or urn:example:plant1 (got \"" + source + "\")"));
        }

        Enum(SpecEnum.ContentModes, ev.ContentMode, "spec.event.contentMode", errors);
        if (ev.DataContentType is { Length: > 0 } contentType && !MediaType().IsMatch(contentType))
        {
            errors.Add(new("spec.event.dataContentType", "must be a media type such as application/json (got \"" + contentType + "\")"));
        }

        Enum(SpecEnum.Passthrough, ev.Passthrough, "spec.event.passthrough", errors);
        if (ev.IdFrom is { Length: > 0 } idFrom && !IdSource.TryParse(idFrom, out _, out var idError))
        {
            errors.Add(new("spec.event.idFrom", idError!));
        }
    }

    private static void ValidateDelivery(DeliverySpec? delivery, ValidationMode mode, List<FieldError> errors)
    {
        if (delivery is null)
        {
            return;
        }

        if (delivery.Retry is < 0)
        {
            errors.Add(new("spec.delivery.retry", Say($"must be at least 0, or null to retry without end (got {delivery.Retry})")));
        }

        Enum(SpecEnum.BackoffPolicies, delivery.BackoffPolicy, "spec.delivery.backoffPolicy", errors);
        Duration(delivery.BackoffDelay, "spec.delivery.backoffDelay", IsoDuration.TryParse, null, errors);
        Duration(delivery.Timeout, "spec.delivery.timeout", IsoDuration.TryParse, null, errors);
        if (delivery.DeadLetterSink is { } dls)
        {
            ReferenceRules.Destination(dls, "spec.delivery.deadLetterSink", mode != ValidationMode.Kubernetes, errors);
        }
    }

    /// <summary>
    /// The problems with CloudEvent overrides (<c>spec.ceOverrides</c>, or <c>K_CE_OVERRIDES</c> read by the adapter):
    /// names <c>[a-z0-9]{1,20}</c>, no core attribute, no <c>data*</c>, no null value, no control characters in a value.
    /// </summary>
    public static IReadOnlyList<FieldError> ValidateCeOverrides(CeOverrides? overrides, string path = "spec.ceOverrides")
    {
        var errors = new List<FieldError>();
        foreach (var (name, value) in overrides?.Extensions ?? new Dictionary<string, string>())
        {
            var at = path + ".extensions[" + name + "]";
            if (!ExtensionName().IsMatch(name))
            {
                errors.Add(new(at, "extension names are 1 to 20 characters of a-z and 0-9"));
            }
            else if (ReservedAttributes.Contains(name, StringComparer.Ordinal) || name.StartsWith("data", StringComparison.Ordinal))
            {
                errors.Add(new(at, "may not override a CloudEvents core attribute (specversion, id, source, type, datacontenttype, dataschema, subject, time, data*)"));
            }

            if (value is null)
            {
                errors.Add(new(at, "must be a string, not null"));
            }
            else if (value.Any(c => char.IsControl(c)))
            {
                errors.Add(new(at, "must not contain control characters (a CloudEvents String cannot)"));
            }
        }

        return errors;
    }

    private static void ValidateSink(Destination? sink, ValidationMode mode, List<FieldError> errors)
    {
        if (sink is null)
        {
            if (mode != ValidationMode.StandaloneWithSink)
            {
                errors.Add(new("spec.sink", mode == ValidationMode.Standalone
                    ? "required: set spec.sink.uri to an absolute http(s) URI, or give the sink on the command line"
                    : "required: a ref to an Addressable (e.g. a Broker) and/or a uri"));
            }

            return;
        }

        ReferenceRules.Destination(sink, "spec.sink", mode == ValidationMode.Standalone, errors);
    }

    private static T Enum<T>(KeyValuePair<string, T>[] names, string? text, string path, List<FieldError> errors)
    {
        if (!SpecEnum.TryParse(names, text, out var value, out var error))
        {
            errors.Add(new(path, error!));
        }

        return value;
    }

    /// <summary>An unset duration is fine; a set one parses, is positive and, with <paramref name="wholeSecondsUpTo"/>, is whole seconds up to that.</summary>
    private static void Duration(string? text, string path, DurationText.Parser parse, TimeSpan? wholeSecondsUpTo, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(text))
        {
            return;
        }

        var error = !parse(text, out var value, out var parseError) ? parseError
            : value <= TimeSpan.Zero ? "must be positive (got \"" + text + "\")"
            : wholeSecondsUpTo is not { } max ? null
            : value.Ticks % TimeSpan.TicksPerSecond != 0 ? "must be a whole number of seconds (got \"" + text + "\")"
            : value > max ? Say($"must be at most {GoDuration.Format(max)} ({(long)max.TotalSeconds}s), got \"{text}\"")
            : null;
        if (error is not null)
        {
            errors.Add(new(path, error));
        }
    }

    private static void NotBlank(string? value, string path, List<FieldError> errors)
    {
        if (value is not null && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new(path, "must not be empty; leave it out for the default"));
        }
    }

    private static string Say(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9]{1,20}$")]
    private static partial Regex ExtensionName();

    [GeneratedRegex(@"^[A-Za-z0-9!#$%&'*+.^_`|~-]+/[A-Za-z0-9!#$%&'*+.^_`|~-]+(\s*;.*)?$")]
    private static partial Regex MediaType();
}
