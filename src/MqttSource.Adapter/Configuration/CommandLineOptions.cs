using System.Globalization;

namespace MqttSource.Adapter.Configuration;

/// <summary>The adapter's command line, parsed without reflection. Unknown or malformed flags become errors.</summary>
internal sealed class CommandLineOptions
{
    public const string Usage = """
        Usage: mqtt-source-adapter [--config mqttsource.yaml] [flags]

        Configuration comes from one of:
          --config FILE            an MqttSource YAML (the same you would kubectl apply)
          --broker URL --topic F   quick flags (--topic may repeat)
          MQTT_SOURCE_SPEC + K_SINK the Knative env contract (set by the controller)

        Flags:
          --broker URL             mqtt://host[:1883] or mqtts://host[:8883]
          --topic FILTER           topic filter to subscribe to (repeatable)
          --sink URL               where CloudEvents are POSTed (overrides the config)
          --qos N                  0, 1 (default) or 2 for --topic filters
          --type TYPE              CloudEvent type (default dev.knative.mqtt.event)
          --source URI             CloudEvent source (default mqtt://host:port)
          --content-mode MODE      binary (default) or structured
          --protocol-version V     5 (default) or 3.1.1
          --client-id ID           MQTT client id (default <hostname>.<name>; stable: it names the persistent session)
          --session KIND           persistent (default) or clean. persistent: the broker keeps the session of this
                                   client id and queues QoS 1/2 messages while the adapter is away; the next start
                                   delivers them first (store and forward). clean: start empty, keep nothing after
                                   a disconnect (what you want when only trying things out)
          --session-expiry DUR     how long the broker keeps a persistent session after a disconnect, as a Go
                                   duration (default 1h; MQTT 5 — a 3.1.1 broker keeps it until its own limit)
          --name NAME              name of this source (default mqtt-source)
          --parallelism N          events in flight to the sink, 1..1000 (default 16)
          --ordering MODE          ordered (per topic, default) or unordered
          --retry N                retries before dead-lettering (default: retry without end)
          --dead-letter-sink URL   where events that fail for good go
          --username USER          broker user name (or MQTT_USERNAME)
          --password-file FILE     broker password file (or MQTT_PASSWORD / MQTT_PASSWORD_FILE)
          --ca-file FILE           PEM CA for the broker (or MQTT_TLS_CA_FILE)
          --cert-file FILE         PEM client certificate for mTLS (or MQTT_TLS_CERT_FILE)
          --key-file FILE          PEM client key for mTLS (or MQTT_TLS_KEY_FILE)
          --max-packet-size BYTES  largest MQTT message accepted (default 262144)
          --http-port PORT         /health /readiness /metrics port (default 8080; 0 = any)
          --http-host ADDRESS      address for that port: an IP address, localhost or * (default 0.0.0.0)
          --h2c                    HTTP/2 without TLS to the sink
          --shutdown-grace SECONDS time to drain in-flight events on SIGTERM (default 25)
          --stall-threshold SECONDS how long a message may wait un-acknowledged before the adapter reports a sink
                                   outage or a stall (or STALL_THRESHOLD_SECONDS; default 60, at least twice the timeout)
          --log-level LEVEL        trace|debug|information|warning|error (default information)
          --log-format FORMAT      json (default) or text
          --help                   this text
        """;

    private static readonly string[] ValueFlags =
    [
        "--config", "--broker", "--topic", "--sink", "--qos", "--type", "--source", "--content-mode", "--protocol-version",
        "--client-id", "--name", "--parallelism", "--ordering", "--retry", "--dead-letter-sink", "--username", "--password-file",
        "--ca-file", "--cert-file", "--key-file", "--max-packet-size", "--http-port", "--http-host", "--shutdown-grace", "--stall-threshold",
        "--log-level", "--log-format", "--session", "--session-expiry",
    ];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public List<string> Topics { get; } = [];

    public List<string> Errors { get; } = [];

    public bool Help { get; private set; }

    public bool H2c { get; private set; }

    public string? this[string flag] => _values.GetValueOrDefault(flag);

    public static CommandLineOptions Parse(IReadOnlyList<string> args)
    {
        var options = new CommandLineOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 0)
            {
                inline = arg[(eq + 1)..];
                arg = arg[..eq];
            }

            switch (arg)
            {
                case "--help" or "-h":
                    options.Help = true;
                    continue;
                case "--h2c":
                    options.H2c = true;
                    continue;
            }

            if (Array.IndexOf(ValueFlags, arg) < 0)
            {
                options.Errors.Add($"unknown argument '{args[i]}' (see --help)");
                continue;
            }

            var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            if (value is null)
            {
                options.Errors.Add($"{arg} needs a value");
                continue;
            }

            if (arg == "--topic")
            {
                options.Topics.Add(value);
            }
            else if (!options._values.TryAdd(arg, value))
            {
                options.Errors.Add($"{arg} was given twice");
            }
        }

        return options;
    }

    /// <summary>An integer flag, or null when absent; malformed values are recorded as errors.</summary>
    public int? Int(string flag, int min, int max)
    {
        if (this[flag] is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Errors.Add($"{flag} must be a whole number from {min} to {max} (got '{text}')");
        return null;
    }
}
