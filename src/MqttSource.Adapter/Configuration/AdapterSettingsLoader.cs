using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MqttSource.Apis.Settings;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Validation;

namespace MqttSource.Adapter.Configuration;

/// <summary>
/// One configuration model, three ways in: the Knative env contract (<c>MQTT_SOURCE_SPEC</c>, <c>K_SINK</c>, …), an
/// MqttSource YAML file (<c>--config</c>), or quick flags (<c>--broker --topic --sink</c>). All produce the same validated
/// <see cref="AdapterSettings"/>; every problem is reported at once, each naming its field.
/// </summary>
internal sealed class AdapterSettingsLoader(Func<string, string?> env, Func<string, string> readFile, SelfSinkCheck? selfSink = null)
{
    private readonly List<string> _errors = [];
    private readonly SelfSinkCheck _selfSink = selfSink ?? SelfSinkCheck.ForThisMachine();

    private SpecReader Specs => new(readFile, _errors);

    /// <summary>Loads from the real environment and file system.</summary>
    public static AdapterSettingsLoader ForProcess() => new(Environment.GetEnvironmentVariable, File.ReadAllText);

    /// <summary>Returns the settings, or null with <paramref name="errors"/> listing every problem.</summary>
    public AdapterSettings? Load(IReadOnlyList<string> args, out IReadOnlyList<string> errors, out bool help)
    {
        _errors.Clear();
        var flags = CommandLineOptions.Parse(args);
        help = flags.Help;
        errors = _errors;
        if (help)
        {
            return null;
        }

        var settings = LoadCore(flags);
        _errors.InsertRange(0, flags.Errors);
        return _errors.Count == 0 ? settings : null;
    }

    private AdapterSettings? LoadCore(CommandLineOptions flags)
    {
        MqttSourceSpec? spec;
        string name;
        string? ns = null;
        bool kubernetes;
        if (flags["--config"] is { } path)
        {
            (spec, name) = Specs.FromYaml(path, flags);
            kubernetes = false;
        }
        else if (flags["--broker"] is not null || flags.Topics.Count > 0)
        {
            spec = Specs.FromFlags(flags);
            name = flags["--name"] ?? "mqtt-source";
            kubernetes = false;
        }
        else if (env("MQTT_SOURCE_SPEC") is { Length: > 0 } json)
        {
            spec = Specs.FromJson(json, "MQTT_SOURCE_SPEC");
            name = env("NAME") is { Length: > 0 } n ? n : Error("NAME: required with MQTT_SOURCE_SPEC (the MqttSource name)", "mqtt-source");
            ns = env("NAMESPACE") is { Length: > 0 } s ? s : Error("NAMESPACE: required with MQTT_SOURCE_SPEC (the MqttSource namespace)", "default");
            kubernetes = true;
        }
        else
        {
            _errors.Add("no configuration: give --config FILE, or --broker URL --topic FILTER --sink URL, or the env MQTT_SOURCE_SPEC with K_SINK (see --help)");
            return null;
        }

        if (spec is null)
        {
            return null;
        }

        spec = Specs.ApplyFlagOverrides(spec, flags);
        var sinkText = flags["--sink"] ?? (kubernetes ? env("K_SINK") : env("K_SINK") ?? spec.Sink?.Uri);
        var sinkField = flags["--sink"] is not null || (!kubernetes && flags["--config"] is null) ? "--sink"
            : kubernetes || env("K_SINK") is { Length: > 0 } ? "K_SINK" : "spec.sink.uri (or --sink)";
        var sink = ParseHttpUrl(sinkText, sinkField, required: true);
        var ceOverrides = CeOverridesFromEnv();
        if (ceOverrides is not null)
        {
            var merged = new Dictionary<string, string>(spec.CeOverrides?.Extensions ?? new Dictionary<string, string>(), StringComparer.Ordinal);
            foreach (var (k, v) in ceOverrides)
            {
                merged[k] = v;
            }

            spec = spec with { CeOverrides = new CeOverrides { Extensions = merged } };
        }

        MqttSourceSettings? source = null;
        try
        {
            source = MqttSourceSettings.Resolve(spec, name, kubernetes ? ns : null, kubernetes ? ValidationMode.Kubernetes : ValidationMode.StandaloneWithSink);
        }
        catch (MqttSourceValidationException ex)
        {
            _errors.AddRange(ex.Errors.Select(e => e.ToString()));
        }
        catch (FormatException ex)
        {
            _errors.Add(ex.Message);
        }

        var (deadLetterText, deadLetterField) = flags["--dead-letter-sink"] is { } dlsFlag ? (dlsFlag, "--dead-letter-sink")
            : env("K_DEAD_LETTER_SINK") is { Length: > 0 } dlsEnv ? (dlsEnv, "K_DEAD_LETTER_SINK")
            : (AbsoluteOrNull(spec.Delivery?.DeadLetterSink?.Uri), "spec.delivery.deadLetterSink.uri");
        var deadLetter = ParseHttpUrl(deadLetterText, deadLetterField, required: false);
        var timeout = SinkTimeout() ?? source?.Delivery.Timeout ?? MqttSourceDefaults.Timeout;
        var clientId = flags["--client-id"] ?? (source is null ? null : kubernetes ? ReplicaClientId(source) : StandaloneClientId(spec, name));
        var password = env("MQTT_PASSWORD") is { Length: > 0 } p ? p : ReadSecretFile(flags["--password-file"] ?? env("MQTT_PASSWORD_FILE"), "--password-file / MQTT_PASSWORD_FILE");
        // Every value is read (and checked) even when the spec is invalid, so that all errors are listed at once.
        var caFile = ExistingFile(flags["--ca-file"] ?? env("MQTT_TLS_CA_FILE"), "--ca-file / MQTT_TLS_CA_FILE");
        var certFile = ExistingFile(flags["--cert-file"] ?? env("MQTT_TLS_CERT_FILE"), "--cert-file / MQTT_TLS_CERT_FILE");
        var keyFile = ExistingFile(flags["--key-file"] ?? env("MQTT_TLS_KEY_FILE"), "--key-file / MQTT_TLS_KEY_FILE");
        var maximumPacketSize = (uint)(flags.Int("--max-packet-size", 1024, 268_435_455) ?? EnvInt("MQTT_MAX_PACKET_SIZE", 1024, 268_435_455) ?? (int)AdapterDefaults.MaximumPacketSize);
        var httpPort = flags.Int("--http-port", 0, 65535) ?? EnvInt("HTTP_PORT", 0, 65535) ?? AdapterDefaults.HttpPort;
        var httpHost = flags["--http-host"] ?? "0.0.0.0";
        if (ListenAddress.Parse(httpHost) is null)
        {
            _errors.Add($"--http-host must be an IP address, localhost or * (got '{httpHost}')");
        }

        RefuseOwnListener(sink, sinkField, httpHost, httpPort, flags);
        RefuseOwnListener(deadLetter, deadLetterField, httpHost, httpPort, flags);
        var shutdownGrace = TimeSpan.FromSeconds(flags.Int("--shutdown-grace", 0, 3600) ?? EnvInt("SHUTDOWN_GRACE_SECONDS", 0, 3600) ?? (int)AdapterDefaults.ShutdownGrace.TotalSeconds);
        var stallSeconds = flags.Int("--stall-threshold", 1, 86_400) ?? EnvInt("STALL_THRESHOLD_SECONDS", 1, 86_400);
        var stallThreshold = stallSeconds is { } stall ? TimeSpan.FromSeconds(stall) : (TimeSpan?)null;
        var logLevel = LogLevelFrom(flags["--log-level"] ?? LoggingConfigLevel());
        var jsonLogs = (flags["--log-format"] ?? "json") switch
        {
            "json" => true,
            "text" => false,
            var other => Error($"--log-format must be json or text (got '{other}')", true),
        };
        var settings = source is null || sink is null || clientId is null ? null : new AdapterSettings
        {
            Source = source,
            Sink = sink,
            DeadLetterSink = deadLetter,
            ClientId = clientId,
            SinkCaCertificates = env("K_CA_CERTS") is { Length: > 0 } ca ? ca : null,
            Audience = env("K_AUDIENCE") is { Length: > 0 } audience ? audience : null,
            TokenFile = env("K_OIDC_TOKEN_FILE") is { Length: > 0 } tokenFile ? tokenFile : AdapterDefaults.TokenFile,
            AttemptTimeout = timeout,
            SinkHttp2 = flags.H2c || IsTrue(env("MQTT_SOURCE_SINK_HTTP2")),
            Username = flags["--username"] ?? NullIfEmpty(env("MQTT_USERNAME")),
            Password = password,
            BrokerCaFile = caFile,
            BrokerCertFile = certFile,
            BrokerKeyFile = keyFile,
            MaximumPacketSize = maximumPacketSize,
            HttpPort = httpPort,
            HttpHost = httpHost,
            ShutdownGrace = shutdownGrace,
            StallThreshold = stallThreshold ?? AdapterDefaults.StallThreshold(timeout),
            LogLevel = logLevel,
            JsonLogs = jsonLogs,
        };
        if ((certFile is null) != (keyFile is null))
        {
            _errors.Add("broker mTLS needs both a client certificate and a key (--cert-file and --key-file, or MQTT_TLS_CERT_FILE and MQTT_TLS_KEY_FILE)");
        }

        if (settings?.Source.Auth?.Password is not null && settings.Password is null && kubernetes)
        {
            _errors.Add("spec.broker.auth.password: set, but MQTT_PASSWORD is empty (the controller maps the Secret into it)");
        }

        return settings;
    }

    private Dictionary<string, string>? CeOverridesFromEnv()
    {
        if (env("K_CE_OVERRIDES") is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            var overrides = CeOverrides.FromJson(json);
            var problems = MqttSourceValidator.ValidateCeOverrides(overrides, "K_CE_OVERRIDES");
            _errors.AddRange(problems.Select(p => p.ToString()));
            return problems.Count == 0 ? new Dictionary<string, string>(overrides.Extensions ?? new Dictionary<string, string>(), StringComparer.Ordinal) : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or MqttSourceValidationException)
        {
            _errors.Add($"K_CE_OVERRIDES: {ex.Message} (expected {{\"extensions\":{{\"name\":\"value\"}}}})");
            return null;
        }
    }

    private Uri? ParseHttpUrl(string? text, string field, bool required)
    {
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                _errors.Add($"{field}: required — where to send events (an absolute http:// or https:// URL)");
            }

            return null;
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.Host.Length > 0)
        {
            return uri;
        }

        _errors.Add($"{field}: '{text}' is not an absolute http:// or https:// URL");
        return null;
    }

    /// <summary>A sink that is the adapter's own probe listener would get every event back as a 404, retried for ever.</summary>
    private void RefuseOwnListener(Uri? url, string field, string httpHost, int httpPort, CommandLineOptions flags)
    {
        if (url is null || !_selfSink.IsOwnListener(url, httpHost, httpPort))
        {
            return;
        }

        var portSource = flags["--http-port"] is not null ? "--http-port" : env("HTTP_PORT") is { Length: > 0 } ? "HTTP_PORT" : "the default port";
        _errors.Add($"{field}: {url} is this adapter's own listener for /health, /readiness and /metrics ({httpHost}:{httpPort}, {portSource}); "
            + "events sent there would come back 404 and be retried for ever. Point it at the real sink (e.g. event-display on another port) "
            + "or move the adapter's listener with --http-port / HTTP_PORT");
    }

    private static string? AbsoluteOrNull(string? text) => text is not null && Uri.TryCreate(text, UriKind.Absolute, out _) ? text : null;

    private TimeSpan? SinkTimeout()
    {
        if (env("K_SINK_TIMEOUT") is not { Length: > 0 } text)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        _errors.Add($"K_SINK_TIMEOUT: '{text}' is not a positive number of seconds");
        return null;
    }

    private string? ReplicaClientId(MqttSourceSettings source)
    {
        var pod = env("POD_NAME");
        if (string.IsNullOrEmpty(pod))
        {
            return source.Replicas == 1
                ? source.ClientIdForReplica(0)
                : Error<string?>("POD_NAME: required (downward API metadata.name) so that each replica has a stable client id", null);
        }

        var dash = pod.LastIndexOf('-');
        if (dash < 0 || !int.TryParse(pod.AsSpan(dash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal))
        {
            return Error<string?>($"POD_NAME: '{pod}' does not end with a StatefulSet ordinal (-0, -1, …)", null);
        }

        return source.ClientIdForReplica(ordinal);
    }

    private static string StandaloneClientId(MqttSourceSpec spec, string name) =>
        spec.Broker?.ClientId is { Length: > 0 } id ? id : $"{Environment.MachineName.ToLowerInvariant()}.{name}";

    private string? ReadSecretFile(string? path, string field)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        try
        {
            return readFile(path).TrimEnd('\r', '\n');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _errors.Add($"{field} {path}: cannot read: {ex.Message}");
            return null;
        }
    }

    private string? ExistingFile(string? path, string field)
    {
        if (string.IsNullOrEmpty(path))
        {
            return null;
        }

        if (!File.Exists(path))
        {
            _errors.Add($"{field}: file '{path}' does not exist");
        }

        return path;
    }

    private int? EnvInt(string name, int min, int max)
    {
        if (env(name) is not { Length: > 0 } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        _errors.Add($"{name}: must be a whole number from {min} to {max} (got '{text}')");
        return null;
    }

    /// <summary>K_LOGGING_CONFIG is Knative's logging ConfigMap as JSON; we read <c>loglevel.mqtt-source-adapter</c> (or <c>loglevel.adapter</c>).</summary>
    private string? LoggingConfigLevel()
    {
        if (env("K_LOGGING_CONFIG") is not { Length: > 0 } json)
        {
            return null;
        }

        try
        {
            var node = JsonNode.Parse(json) as JsonObject;
            var level = node?["loglevel.mqtt-source-adapter"] ?? node?["loglevel.adapter"];
            return level?.GetValueKind() == JsonValueKind.String ? level.GetValue<string>() : null;
        }
        catch (JsonException)
        {
            _errors.Add("K_LOGGING_CONFIG: not valid JSON");
            return null;
        }
    }

    private LogLevel LogLevelFrom(string? text) => text?.ToLowerInvariant() switch
    {
        null => LogLevel.Information,
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "info" or "information" => LogLevel.Information,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" or "critical" => LogLevel.Critical,
        _ => Error($"--log-level / K_LOGGING_CONFIG loglevel.mqtt-source-adapter: '{text}' is not one of trace, debug, information, warning, error", LogLevel.Information),
    };

    private static bool IsTrue(string? text) => text is "true" or "1" or "True" or "TRUE" or "yes";

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private T Error<T>(string message, T fallback)
    {
        _errors.Add(message);
        return fallback;
    }
}
