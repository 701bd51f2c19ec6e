using System.Text;
using MqttSource.Testing.Faults;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class PoisonMessageTests
{
    [Fact]
    public void Marked_Placeholders_ReplacedInPayloadBytesAndUserProperties()
    {
        var template = new PoisonMessage("t", PoisonMessage.MarkerPlaceholder, [0xFF, .. "{\"id\":\"@@\"}"u8.ToArray(), 0xFE], PoisonOutcome.Invalid)
        {
            UserProperties = [new("id", "@@-x"), new("other", "plain")],
        };

        var marked = template.Marked("poison07z");

        Assert.Equal([0xFF, .. "{\"id\":\"poison07z\"}"u8.ToArray(), 0xFE], marked.Payload);
        Assert.Equal([new("id", "poison07z-x"), new("other", "plain")], marked.UserProperties);
        Assert.Equal("poison07z", marked.Marker);
        Assert.Equal("@@", template.Marker);
    }

    [Fact]
    public async Task IsIn_MarkerInBodyOrHeader_Found()
    {
        await using var sink = await MqttSource.Testing.Sinks.LoopbackSink.StartAsync();
        using var client = new HttpClient();
        using var inHeader = new HttpRequestMessage(HttpMethod.Post, sink.Url) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes("data")) };
        inHeader.Headers.Add("ce-id", "poison03z");
        (await client.SendAsync(inHeader)).Dispose();
        (await client.PostAsync(sink.Url, new StringContent("x poison04z y"))).Dispose();
        var poison3 = new PoisonMessage("3", "poison03z", [], PoisonOutcome.Invalid);
        var poison4 = new PoisonMessage("4", "poison04z", [], PoisonOutcome.Invalid);

        Assert.Equal([true, false], sink.Requests.Select(poison3.IsIn));
        Assert.Equal([false, true], sink.Requests.Select(poison4.IsIn));
    }
}
