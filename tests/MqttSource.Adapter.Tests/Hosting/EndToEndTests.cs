using System.Text;
using System.Text.Json;
using MqttSource.Adapter.Tests.Support;
using CloudNative.CloudEvents;
using MqttSource.Testing.Mosquitto;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Hosting;

/// <summary>mosquitto_pub → real Mosquitto → the adapter → a loopback sink that checks the exact HTTP request.</summary>
public sealed class EndToEndTests : BrokerAndSinkTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(15);

    private Task<TestAdapter> StartAdapterAsync(IReadOnlyDictionary<string, string>? env = null, params string[] extra) =>
        TestAdapter.StartAsync(TestSettings.Load(TestSettings.Flags(Broker, Sink, TestSettings.NewClientId("e2e"), extra), env));

    private MosquittoClientOptions V5(int qos = 1) => Broker.ClientOptions() with { ProtocolVersion = MosquittoProtocolVersion.V5, Qos = qos };

    private async Task<SinkRequest> PublishAndReceiveAsync(MosquittoClientOptions options, string topic, string message)
    {
        var result = await MosquittoClients.PublishAsync(options, topic, message);
        Assert.True(result.Succeeded, result.ToString());
        await Sink.WaitForCountAsync(1, s_timeout);
        return Assert.Single(Sink.Requests);
    }

    private static void AssertWrappedBinaryHeaders(SinkRequest request, string subject, string contentType, string source)
    {
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal(ContentMode.Binary, request.Mode);
        Assert.Equal("1.0", request.Header("ce-specversion"));
        Assert.Equal(7, Guid.Parse(request.Header("ce-id")!).Version);
        Assert.Equal(source, request.Header("ce-source"));
        Assert.Equal("dev.knative.mqtt.event", request.Header("ce-type"));
        Assert.Equal(subject, request.Header("ce-subject"));
        Assert.Equal(contentType, request.Header("content-type"));
        var time = DateTimeOffset.Parse(request.Header("ce-time")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(time, request.ArrivedAt.AddSeconds(-10), request.ArrivedAt);
        Assert.EndsWith("Z", request.Header("ce-time"), StringComparison.Ordinal);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-01$", request.Header("traceparent"));
        Assert.Null(request.Header("ce-mqttretain"));
        Assert.Null(request.Header("authorization"));
    }

    [Fact]
    public async Task Publish_PlainJson_BinaryModeRequestWithRawBody()
    {
        await using var adapter = await StartAdapterAsync();

        var request = await PublishAndReceiveAsync(Broker.ClientOptions() with { Qos = 1 }, "sensors/k1/temperature", """{"t":21.5}""");

        AssertWrappedBinaryHeaders(request, "sensors/k1/temperature", "application/json", $"mqtt://127.0.0.1:{Broker.Port}");
        Assert.Equal("1", request.Header("ce-mqttqos"));
        Assert.Equal("""{"t":21.5}""", request.BodyText);
        Assert.Empty(request.Headers.Keys.Where(k => k.StartsWith("ce-", StringComparison.Ordinal))
            .Except(["ce-specversion", "ce-id", "ce-source", "ce-type", "ce-subject", "ce-time", "ce-mqttqos"]));
    }

    [Fact]
    public async Task Publish_BinaryPayload_BodyIsTheBytesVerbatimNeverBase64()
    {
        var payload = Enumerable.Range(0, 256).Select(i => (byte)(255 - i)).ToArray();
        var file = Path.Combine(Broker.Directory, "payload.bin");
        await File.WriteAllBytesAsync(file, payload);
        await using var adapter = await StartAdapterAsync();

        var result = await MosquittoClients.PublishFileAsync(Broker.ClientOptions() with { Qos = 1 }, "cams/door", file);
        Assert.True(result.Succeeded, result.ToString());
        await Sink.WaitForCountAsync(1, s_timeout);

        var request = Assert.Single(Sink.Requests);
        AssertWrappedBinaryHeaders(request, "cams/door", "application/octet-stream", $"mqtt://127.0.0.1:{Broker.Port}");
        Assert.Equal(payload, request.Body);
    }

    [Fact]
    public async Task Publish_Mqtt5UserPropertiesAndContentType_ExtensionsAndContentType()
    {
        await using var adapter = await StartAdapterAsync();
        var options = V5() with { ContentType = "text/csv", UserProperties = [new("Device-ID", "k1"), new("site", "north"), new("---", "dropped")] };

        var request = await PublishAndReceiveAsync(options, "lines/1", "a,b\n1,2");

        AssertWrappedBinaryHeaders(request, "lines/1", "text/csv", $"mqtt://127.0.0.1:{Broker.Port}");
        Assert.Equal("k1", request.Header("ce-mqttdeviceid"));
        Assert.Equal("north", request.Header("ce-mqttsite"));
        Assert.Equal("a,b\n1,2", request.BodyText);
        Assert.DoesNotContain(request.Headers.Values, v => v == "dropped");
    }

    [Fact]
    public async Task Publish_RetainedBeforeSubscribe_MqttRetainTrue()
    {
        var published = await MosquittoClients.PublishAsync(Broker.ClientOptions() with { Qos = 1, Retain = true }, "state/door", "open");
        Assert.True(published.Succeeded, published.ToString());

        await using var adapter = await StartAdapterAsync();
        await Sink.WaitForCountAsync(1, s_timeout);

        var request = Assert.Single(Sink.Requests);
        Assert.Equal("true", request.Header("ce-mqttretain"));
        Assert.Equal("state/door", request.Header("ce-subject"));
        Assert.Equal("open", request.BodyText);
    }

    [Theory]
    [InlineData("""{"t":1}""", null, "application/json", "data", """{"t":1}""")]
    [InlineData("hello", "text/plain", "text/plain", "data", "\"hello\"")]
    [InlineData("AAEC/w==", null, "application/octet-stream", "data_base64", "\"AAEC/w==\"")]
    public async Task Publish_StructuredMode_CloudEventsJsonWithDataOrDataBase64(string message, string? contentType, string expectedType, string dataMember, string expectedData)
    {
        await using var adapter = await StartAdapterAsync(null, "--content-mode", "structured");
        var options = V5() with { ContentType = contentType };
        if (dataMember == "data_base64")
        {
            // The payload bytes 00 01 02 FF, from a file (not UTF-8): the body must carry them as data_base64.
            var file = Path.Combine(Broker.Directory, "bytes.bin");
            await File.WriteAllBytesAsync(file, Convert.FromBase64String(message));
            Assert.True((await MosquittoClients.PublishFileAsync(options, "s/1", file)).Succeeded);
            await Sink.WaitForCountAsync(1, s_timeout);
        }
        else
        {
            await PublishAndReceiveAsync(options, "s/1", message);
        }

        var request = Assert.Single(Sink.Requests);
        Assert.Equal(ContentMode.Structured, request.Mode);
        Assert.StartsWith("application/cloudevents+json", request.Header("content-type"), StringComparison.Ordinal);
        Assert.Null(request.Header("ce-id"));
        using var body = JsonDocument.Parse(request.Body);
        var root = body.RootElement;
        Assert.Equal("1.0", root.GetProperty("specversion").GetString());
        Assert.Equal("s/1", root.GetProperty("subject").GetString());
        Assert.Equal(expectedType, root.GetProperty("datacontenttype").GetString());
        Assert.Equal(expectedData, root.GetProperty(dataMember).GetRawText());
        Assert.False(root.TryGetProperty(dataMember == "data" ? "data_base64" : "data", out _));
        Assert.Equal(1, root.GetProperty("mqttqos").GetInt32());
    }

    [Fact]
    public async Task Publish_CeOverridesFromEnv_ExtensionHeaders()
    {
        await using var adapter = await StartAdapterAsync(new Dictionary<string, string> { ["K_CE_OVERRIDES"] = """{"extensions":{"region":"eu-west","tier":"edge"}}""" });

        var request = await PublishAndReceiveAsync(Broker.ClientOptions() with { Qos = 1 }, "a", "x");

        Assert.Equal("eu-west", request.Header("ce-region"));
        Assert.Equal("edge", request.Header("ce-tier"));
    }

    [Fact]
    public async Task Publish_AudienceWithTokenFile_BearerTokenFromTheFile()
    {
        var tokenFile = Path.Combine(Broker.Directory, "oidc-token");
        await File.WriteAllTextAsync(tokenFile, "header.payload.signature\n");
        await using var adapter = await StartAdapterAsync(new Dictionary<string, string> { ["K_AUDIENCE"] = "http://sink.example", ["K_OIDC_TOKEN_FILE"] = tokenFile });

        var request = await PublishAndReceiveAsync(Broker.ClientOptions() with { Qos = 1 }, "a", "x");

        Assert.Equal("Bearer header.payload.signature", request.Header("authorization"));
    }

    [Fact]
    public async Task Publish_Mqtt5BinaryCloudEvent_ForwardedWithItsAttributes()
    {
        await using var adapter = await StartAdapterAsync();
        var options = V5() with
        {
            ContentType = "application/json",
            UserProperties = [new("ce-specversion", "1.0"), new("ce-id", "evt-7"), new("ce-source", "urn:device:k1"), new("ce-type", "com.example.reading"), new("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")],
        };

        var request = await PublishAndReceiveAsync(options, "devices/k1", """{"v":3}""");

        Assert.Equal("evt-7", request.Header("ce-id"));
        Assert.Equal("urn:device:k1", request.Header("ce-source"));
        Assert.Equal("com.example.reading", request.Header("ce-type"));
        Assert.Equal("application/json", request.Header("content-type"));
        Assert.Null(request.Header("ce-mqttqos"));
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", request.Header("traceparent"));
        Assert.Equal("""{"v":3}""", Encoding.UTF8.GetString(request.Body));
    }

    [Fact]
    public async Task Publish_Mqtt311Adapter_PlainMessageWrappedAndStructuredCloudEventPassedThrough()
    {
        await using var adapter = await StartAdapterAsync(null, "--protocol-version", "3.1.1");
        var v311 = Broker.ClientOptions() with { ProtocolVersion = MosquittoProtocolVersion.V311, Qos = 1 };

        var wrapped = await PublishAndReceiveAsync(v311, "sensors/k1/temperature", """{"t":20}""");
        AssertWrappedBinaryHeaders(wrapped, "sensors/k1/temperature", "application/json", $"mqtt://127.0.0.1:{Broker.Port}");
        Assert.Equal("""{"t":20}""", wrapped.BodyText);

        // MQTT 3.1.1 has no content type or user properties: a JSON payload with a specversion is a structured CloudEvent.
        var published = await MosquittoClients.PublishAsync(
            v311,
            "devices/k1",
            """{"specversion":"1.0","id":"evt-311","source":"urn:device:k1","type":"com.example.reading","datacontenttype":"application/json","subject":"k1","data":{"v":3}}""");
        Assert.True(published.Succeeded, published.ToString());
        await Sink.WaitForCountAsync(2, s_timeout);
        var passedThrough = Sink.Requests[1];
        Assert.Equal(ContentMode.Binary, passedThrough.Mode);
        Assert.Equal("evt-311", passedThrough.Header("ce-id"));
        Assert.Equal("urn:device:k1", passedThrough.Header("ce-source"));
        Assert.Equal("com.example.reading", passedThrough.Header("ce-type"));
        Assert.Equal("k1", passedThrough.Header("ce-subject"));
        Assert.Equal("application/json", passedThrough.Header("content-type"));
        Assert.Null(passedThrough.Header("ce-mqttqos"));
        Assert.Equal("""{"v":3}""", passedThrough.BodyText);
        Assert.Contains(Broker.Log.Split('\n'), l => l.Contains(adapter.Settings.ClientId, StringComparison.Ordinal) && l.Contains("(p2,", StringComparison.Ordinal));
    }
}
