using System.Globalization;

namespace MqttSource.Testing.Mosquitto;

/// <summary>
/// How mosquitto_pub / mosquitto_sub connect and publish. Get one from <see cref="MosquittoBroker.ClientOptions"/>
/// or <see cref="MosquittoBroker.TlsClientOptions"/> and adjust it with <c>with { ... }</c>.
/// </summary>
public sealed record MosquittoClientOptions
{
    /// <summary><c>-h</c>. Default 127.0.0.1.</summary>
    public string Host { get; init; } = "127.0.0.1";

    /// <summary><c>-p</c>.</summary>
    public required int Port { get; init; }

    /// <summary><c>-V</c>. Default MQTT 3.1.1.</summary>
    public MosquittoProtocolVersion ProtocolVersion { get; init; } = MosquittoProtocolVersion.V311;

    /// <summary><c>-i</c>; null lets the tool pick one.</summary>
    public string? ClientId { get; init; }

    /// <summary><c>-u</c>.</summary>
    public string? Username { get; init; }

    /// <summary><c>-P</c>.</summary>
    public string? Password { get; init; }

    /// <summary><c>--cafile</c>: turns TLS on and verifies the server with this CA.</summary>
    public string? CaFile { get; init; }

    /// <summary><c>--cert</c>: client certificate (PEM) for mTLS; needs <see cref="KeyFile"/>.</summary>
    public string? CertFile { get; init; }

    /// <summary><c>--key</c>: client key (PEM).</summary>
    public string? KeyFile { get; init; }

    /// <summary><c>-q</c>: QoS of publishes and subscriptions. Default 0.</summary>
    public int Qos { get; init; }

    /// <summary><c>-r</c>: publish retained (mosquitto_pub only).</summary>
    public bool Retain { get; init; }

    /// <summary><c>-D PUBLISH user-property name value</c> for each pair (MQTT 5, mosquitto_pub only).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserProperties { get; init; } = [];

    /// <summary><c>-D PUBLISH content-type value</c> (MQTT 5, mosquitto_pub only).</summary>
    public string? ContentType { get; init; }

    /// <summary>Any other arguments, added last.</summary>
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    /// <summary>A tool still running after this long is killed. Default 10 s.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    internal List<string> ConnectionArguments()
    {
        var arguments = new List<string>
        {
            "-h", Host,
            "-p", Port.ToString(CultureInfo.InvariantCulture),
            "-V", ProtocolVersion switch
            {
                MosquittoProtocolVersion.V5 => "mqttv5",
                MosquittoProtocolVersion.V31 => "mqttv31",
                _ => "mqttv311",
            },
            "-q", Qos.ToString(CultureInfo.InvariantCulture),
        };
        AddIfSet(arguments, "-i", ClientId);
        AddIfSet(arguments, "-u", Username);
        AddIfSet(arguments, "-P", Password);
        AddIfSet(arguments, "--cafile", CaFile);
        AddIfSet(arguments, "--cert", CertFile);
        AddIfSet(arguments, "--key", KeyFile);
        return arguments;
    }

    internal List<string> PublishArguments(string topic)
    {
        var arguments = ConnectionArguments();
        arguments.Add("-t");
        arguments.Add(topic);
        if (Retain)
        {
            arguments.Add("-r");
        }

        foreach (var (name, value) in UserProperties)
        {
            arguments.AddRange(["-D", "PUBLISH", "user-property", name, value]);
        }

        if (ContentType is not null)
        {
            arguments.AddRange(["-D", "PUBLISH", "content-type", ContentType]);
        }

        return arguments;
    }

    private static void AddIfSet(List<string> arguments, string name, string? value)
    {
        if (value is not null)
        {
            arguments.Add(name);
            arguments.Add(value);
        }
    }
}
