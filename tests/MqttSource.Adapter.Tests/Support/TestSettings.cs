using MqttSource.Adapter.Configuration;
using MqttSource.Testing.Mosquitto;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Support;

/// <summary>Adapter settings the way the process gets them: through <see cref="AdapterSettingsLoader"/> with a given environment.</summary>
internal static class TestSettings
{
    /// <summary>Loads; returns the settings or null and every error.</summary>
    public static (AdapterSettings? Settings, IReadOnlyList<string> Errors) TryLoad(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        env ??= new Dictionary<string, string>();
        var loader = new AdapterSettingsLoader(name => env.GetValueOrDefault(name), File.ReadAllText);
        var settings = loader.Load([.. args], out var errors, out _);
        return (settings, [.. errors]);
    }

    /// <summary>Loads and fails the test with every error when the configuration is invalid.</summary>
    public static AdapterSettings Load(IEnumerable<string> args, IReadOnlyDictionary<string, string>? env = null)
    {
        var (settings, errors) = TryLoad(args, env);
        Assert.True(settings is not null, "invalid configuration:\n" + string.Join('\n', errors));
        return settings!;
    }

    /// <summary>Quick flags for a test adapter on <paramref name="broker"/> (all topics, QoS 1) to <paramref name="sink"/>, probes on a free loopback port.</summary>
    public static List<string> Flags(MosquittoBroker broker, LoopbackSink sink, string clientId, params string[] extra) =>
    [
        "--broker", broker.Url.ToString(),
        "--topic", "#",
        "--sink", sink.Url.ToString(),
        "--client-id", clientId,
        "--http-port", "0",
        "--http-host", "127.0.0.1",
        .. extra,
    ];

    /// <summary>A client id no other test uses.</summary>
    public static string NewClientId(string name) => $"test-{name}-{Guid.NewGuid():N}";
}
