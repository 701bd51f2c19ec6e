using System.Net;
using MqttSource.Adapter.Configuration;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing.Processes;

namespace MqttSource.Adapter.Tests.Configuration;

/// <summary>
/// A sink (or dead-letter sink) that is the adapter's own probe listener is refused at start-up: exit code 2, listed with
/// the other configuration errors, naming the field the URL came from.
/// </summary>
public sealed class SelfSinkCheckTests
{
    private const string Broker = "mqtt://127.0.0.1:1883";

    private static readonly SelfSinkCheck s_machine = new(["gw1", "gw1.example.lan"], [IPAddress.Loopback, IPAddress.Parse("192.0.2.10"), IPAddress.Parse("2001:db8::10")]);

    [Theory]
    [InlineData("http://127.0.0.1:8080/", "0.0.0.0")]
    [InlineData("http://localhost:8080/", "0.0.0.0")]
    [InlineData("http://LOCALHOST:8080/events", "0.0.0.0")]
    [InlineData("http://app.localhost:8080/", "0.0.0.0")]
    [InlineData("http://127.0.0.5:8080/", "0.0.0.0")]
    [InlineData("http://[::1]:8080/", "0.0.0.0")]
    [InlineData("http://0.0.0.0:8080/", "0.0.0.0")]
    [InlineData("http://[::]:8080/", "::")]
    [InlineData("http://gw1:8080/", "0.0.0.0")]
    [InlineData("http://GW1.example.lan:8080/", "0.0.0.0")]
    [InlineData("http://192.0.2.10:8080/", "0.0.0.0")]
    [InlineData("http://[2001:db8::10]:8080/", "*")]
    [InlineData("http://127.0.0.1:8080/", "127.0.0.1")]
    [InlineData("http://localhost:8080/", "127.0.0.1")]
    [InlineData("http://0.0.0.0:8080/", "localhost")]
    [InlineData("http://192.0.2.10:8080/", "192.0.2.10")]
    [InlineData("http://gw1:8080/", "192.0.2.10")]
    [InlineData("https://localhost:8080/", "0.0.0.0")]
    public void IsOwnListener_SamePortAndOwnAddress_True(string sink, string httpHost) =>
        Assert.True(s_machine.IsOwnListener(new Uri(sink), httpHost, 8080));

    [Theory]
    [InlineData("http://127.0.0.1:8081/", "0.0.0.0", 8080)]  // another port
    [InlineData("http://localhost/", "0.0.0.0", 8080)]       // port 80
    [InlineData("http://localhost/", "0.0.0.0", 80)]         // ... unless the adapter listens on 80
    [InlineData("http://sink.example.com:8080/", "0.0.0.0", 8080)] // another host
    [InlineData("http://198.51.100.7:8080/", "0.0.0.0", 8080)]     // not an address of this machine
    [InlineData("http://192.0.2.10:8080/", "127.0.0.1", 8080)]     // the adapter listens on loopback only
    [InlineData("http://127.0.0.2:8080/", "127.0.0.1", 8080)]      // another loopback address
    [InlineData("http://127.0.0.1:8080/", "192.0.2.10", 8080)]
    [InlineData("http://gw1:8080/", "127.0.0.1", 8080)]
    [InlineData("http://127.0.0.1:8080/", "0.0.0.0", 0)]     // port 0: the kernel picks a free one
    public void IsOwnListener_OtherPortOrAddress_False(string sink, string httpHost, int httpPort)
    {
        var own = s_machine.IsOwnListener(new Uri(sink), httpHost, httpPort);

        Assert.Equal(httpPort == 80, own);
    }

    [Theory]
    [InlineData(new[] { "--broker", Broker, "--topic", "a", "--sink", "http://127.0.0.1:8080/" }, "--sink: http://127.0.0.1:8080/")]
    [InlineData(new[] { "--broker", Broker, "--topic", "a", "--sink", "http://localhost:9090/", "--http-port", "9090" }, "--sink: http://localhost:9090/")]
    [InlineData(new[] { "--broker", Broker, "--topic", "a", "--sink", "http://sink.test/", "--dead-letter-sink", "http://localhost:8080/dlq" }, "--dead-letter-sink: http://localhost:8080/dlq")]
    public void Load_QuickFlagsSinkIsOwnListener_ErrorNamesTheFlag(string[] args, string expected)
    {
        var (settings, errors) = TestSettings.TryLoad(args);

        Assert.Null(settings);
        var error = Assert.Single(errors);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
        Assert.Contains("own listener for /health, /readiness and /metrics", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_EnvContractSinksAreOwnListener_BothErrorsNameTheVariables()
    {
        var env = new Dictionary<string, string>
        {
            ["MQTT_SOURCE_SPEC"] = """{ "broker": { "url": "mqtt://broker.test" }, "topics": [{ "filter": "a" }], "sink": { "uri": "http://x.test/" } }""",
            ["NAME"] = "n",
            ["NAMESPACE"] = "ns",
            ["K_SINK"] = "http://127.0.0.1:7070/",
            ["K_DEAD_LETTER_SINK"] = "http://localhost:7070/dead",
            ["HTTP_PORT"] = "7070",
        };

        var (settings, errors) = TestSettings.TryLoad([], env);

        Assert.Null(settings);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("K_SINK: http://127.0.0.1:7070/", errors[0], StringComparison.Ordinal);
        Assert.Contains("HTTP_PORT", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("K_DEAD_LETTER_SINK: http://localhost:7070/dead", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public void Load_YamlSinkIsOwnListener_ErrorNamesSpecSinkUriWithTheOtherErrors()
    {
        using var config = new TempConfigFile("""
            kind: MqttSource
            metadata: { name: telemetry }
            spec:
              broker: { url: "mqtt://127.0.0.1:1883" }
              topics: [{ filter: "a/#/b" }]
              sink: { uri: "http://localhost:8080/" }
              delivery: { deadLetterSink: { uri: "http://[::1]:8080/dead" } }
            """);

        var (settings, errors) = TestSettings.TryLoad(["--config", config.Path]);

        Assert.Null(settings);
        Assert.Contains(errors, e => e.StartsWith("spec.sink.uri (or --sink): http://localhost:8080/", StringComparison.Ordinal) && e.Contains("the default port", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("spec.delivery.deadLetterSink.uri: http://[::1]:8080/dead", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("spec.topics[0].filter", StringComparison.Ordinal)); // listed together
    }

    [Theory]
    [InlineData("--http-port", "0")]
    [InlineData("--http-port", "8081")]
    [InlineData("--http-host", "192.0.2.99")]
    public void Load_ProbesElsewhere_SinkOnLoopback8080Accepted(string flag, string value)
    {
        var (settings, errors) = TestSettings.TryLoad(["--broker", Broker, "--topic", "a", "--sink", "http://127.0.0.1:8080/", flag, value]);

        Assert.True(settings is not null, string.Join('\n', errors));
    }

    [Fact]
    public async Task Process_SinkIsOwnListener_ExitCode2WithTheMessage()
    {
        await using var process = AdapterProcess.Start(["--broker", Broker, "--topic", "sensors/#", "--sink", "http://localhost:8080/"]);

        var exitCode = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(2, exitCode);
        var stderr = process.StandardError;
        Assert.Contains("mqtt-source-adapter: invalid configuration:", stderr, StringComparison.Ordinal);
        Assert.Contains("  - --sink: http://localhost:8080/ is this adapter's own listener for /health, /readiness and /metrics (0.0.0.0:8080, the default port)", stderr, StringComparison.Ordinal);
        Assert.Contains("--http-port", stderr, StringComparison.Ordinal);
    }
}
