using System.Text;
using System.Text.Json;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Testing.Sinks;

namespace MqttSource.Adapter.Tests.Delivery;

/// <summary>What the dead-letter sink gets: the event with Knative's error extensions, typed (URI, Integer, Binary).</summary>
public sealed class DeadLetterTests : BrokerAndSinkTest
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Refused_StructuredMode_ErrorExtensionsAsUriIntegerAndBase64()
    {
        await using var deadLetter = await LoopbackSink.StartAsync();
        Sink.Behaviour = _ => SinkResponse.Status(422, "no \"room\" field");
        await using var adapter = await StartAdapterOnAsync(null, "dead", null, "--dead-letter-sink", deadLetter.Url.ToString(), "--content-mode", "structured");

        await PublishAsync("rooms/1", """{"celsius":21.50}""");
        await deadLetter.WaitForCountAsync(1, s_timeout);

        var dead = Assert.Single(deadLetter.Requests);
        using var json = JsonDocument.Parse(dead.Body);
        var root = json.RootElement;
        Assert.Equal(Sink.Url.OriginalString, root.GetProperty("knativeerrordest").GetString());
        Assert.Equal(422, root.GetProperty("knativeerrorcode").GetInt32());
        Assert.Equal("no \"room\" field", Encoding.UTF8.GetString(root.GetProperty("knativeerrordata").GetBytesFromBase64()));
        Assert.Equal("""{"celsius":21.50}""", root.GetProperty("data").GetRawText());
        Assert.Equal(1, root.GetProperty("mqttqos").GetInt32());
        Assert.Equal(422, dead.Event?["knativeerrorcode"]);
    }

    [Fact]
    public async Task Refused_BinaryMode_ErrorExtensionHeaders()
    {
        await using var deadLetter = await LoopbackSink.StartAsync();
        Sink.Behaviour = _ => SinkResponse.Status(400, "bad");
        await using var adapter = await StartAdapterOnAsync(null, "dead", null, "--dead-letter-sink", deadLetter.Url.ToString());

        await PublishAsync("rooms/1", "x");
        await deadLetter.WaitForCountAsync(1, s_timeout);

        var dead = Assert.Single(deadLetter.Requests);
        Assert.Equal(Sink.Url.OriginalString, dead.Header("ce-knativeerrordest"));
        Assert.Equal("400", dead.Header("ce-knativeerrorcode"));
        Assert.Equal("YmFk", dead.Header("ce-knativeerrordata"));
        Assert.Equal("x", dead.BodyText);
    }
}
