using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Hosting;

/// <summary>
/// The adapter's way into a secured broker, as the controller mounts it: mqtts:// with <c>--ca-file</c>, credentials from
/// <c>MQTT_USERNAME</c>/<c>MQTT_PASSWORD</c>, and mTLS with <c>--cert-file</c>/<c>--key-file</c>. Each test starts its own broker.
/// </summary>
public sealed class BrokerConnectionTests : IAsyncLifetime
{
    private const string User = "adapter";
    private const string Password = "s3cret-pw";
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private LoopbackSink _sink = null!;

    public async Task InitializeAsync() => _sink = await LoopbackSink.StartAsync();

    public async Task DisposeAsync() => await _sink.DisposeAsync();

    private static async Task<MosquittoBroker> StartBrokerAsync(bool requireCertificate, bool withUser)
    {
        var options = new MosquittoOptions { Tls = true, RequireCertificate = requireCertificate };
        if (withUser)
        {
            options.Users[User] = Password;
        }

        return await MosquittoBroker.StartAsync(options);
    }

    private Task<TestAdapter> StartAdapterAsync(MosquittoBroker broker, IReadOnlyDictionary<string, string>? env, bool waitUntilReady, params string[] extra)
    {
        var flags = TestSettings.Flags(broker, _sink, TestSettings.NewClientId("tls"), ["--ca-file", broker.CaCertificatePath, .. extra]);
        flags[flags.IndexOf("--broker") + 1] = broker.TlsUrl.ToString();
        return TestAdapter.StartAsync(TestSettings.Load(flags, env), waitUntilReady);
    }

    private async Task PublishAndReceiveAsync(MosquittoBroker broker, MosquittoClientOptions options)
    {
        var result = await MosquittoClients.PublishAsync(options with { Qos = 1 }, "secure/1", "hello");
        Assert.True(result.Succeeded, result.ToString());
        await _sink.WaitForCountAsync(1, s_timeout);
        Assert.Equal("hello", Assert.Single(_sink.Requests).BodyText);
        Assert.Equal("secure/1", _sink.Requests[0].Header("ce-subject"));
        Assert.Equal($"mqtts://localhost:{broker.TlsPort}", _sink.Requests[0].Header("ce-source"));
    }

    [Fact]
    public async Task Connect_MqttsWithCaFileAndCredentialsFromEnv_Delivers()
    {
        await using var broker = await StartBrokerAsync(requireCertificate: false, withUser: true);
        await using var adapter = await StartAdapterAsync(broker, new Dictionary<string, string> { ["MQTT_USERNAME"] = User, ["MQTT_PASSWORD"] = Password }, waitUntilReady: true);

        await PublishAndReceiveAsync(broker, broker.ClientOptions() with { Username = User, Password = Password });

        Assert.Contains(broker.Log.Split('\n'), l => l.Contains(adapter.Settings.ClientId, StringComparison.Ordinal) && l.Contains($"u'{User}'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Connect_WrongPassword_NotReadyAndTheLogNamesTheRefusal()
    {
        await using var broker = await StartBrokerAsync(requireCertificate: false, withUser: true);
        await using var adapter = await StartAdapterAsync(broker, new Dictionary<string, string> { ["MQTT_USERNAME"] = User, ["MQTT_PASSWORD"] = "wrong" }, waitUntilReady: false);

        await Eventually.WaitUntilAsync(
            () => adapter.Logs.Lines.Any(l => l.Id.Id == 3 && l.Text.Contains("MQTT connection refused", StringComparison.Ordinal)),
            s_timeout,
            "the adapter logged the refusal");

        var refusal = adapter.Logs.Lines.First(l => l.Id.Id == 3).Text;
        Assert.True(
            refusal.Contains("bad user name or password", StringComparison.Ordinal) || refusal.Contains("not authorized", StringComparison.Ordinal),
            refusal);
        var (status, _, _) = await adapter.GetAsync("/readiness");
        Assert.Equal(503, status);
        Assert.Equal(200, (await adapter.GetAsync("/health")).Status);
        Assert.False(adapter.Metrics.Connected);
    }

    [Fact]
    public async Task Connect_MutualTlsWithCertAndKeyFiles_Delivers()
    {
        await using var broker = await StartBrokerAsync(requireCertificate: true, withUser: false);
        await using var adapter = await StartAdapterAsync(
            broker,
            null,
            waitUntilReady: true,
            "--cert-file",
            broker.CertificateFiles.ClientCertificatePath,
            "--key-file",
            broker.CertificateFiles.ClientKeyPath);

        await PublishAndReceiveAsync(broker, broker.ClientOptions());
    }
}
