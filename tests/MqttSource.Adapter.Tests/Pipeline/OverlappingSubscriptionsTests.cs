using MqttSource.Adapter.Pipeline;
using MqttSource.Adapter.Tests.Support;
using MqttSource.Mqtt;
using MqttSource.Testing.Mosquitto;

namespace MqttSource.Adapter.Tests.Pipeline;

/// <summary>Overlapping topic filters: the broker sends one copy per matching subscription; exactly one is delivered.</summary>
public sealed class OverlappingSubscriptionsTests : BrokerAndSinkTest
{
    private static readonly string[] Filters = ["sensors/+/temperature", "sensors/#", "other/x"];

    [Theory]
    [InlineData("sensors/a/temperature", new uint[] { 1 }, false)]
    [InlineData("sensors/a/temperature", new uint[] { 2 }, true)]
    [InlineData("sensors/a/temperature", new uint[] { 1, 2 }, false)]
    [InlineData("sensors/a/humidity", new uint[] { 2 }, false)]
    [InlineData("other/x", new uint[] { 3 }, false)]
    public void IsRedundantCopy_ByFirstMatchingFilter(string topic, uint[] identifiers, bool redundant)
    {
        var overlaps = new OverlappingSubscriptions(Filters);
        var message = new MqttApplicationMessage { Topic = topic, SubscriptionIdentifiers = identifiers };
        Assert.Equal(redundant, overlaps.IsRedundantCopy(message));
    }

    [Fact]
    public void IsRedundantCopy_NoIdentifiers_DeliversEveryCopy()
    {
        var overlaps = new OverlappingSubscriptions(Filters);
        Assert.False(overlaps.IsRedundantCopy(new MqttApplicationMessage { Topic = "sensors/a/temperature" }));
    }

    [Fact]
    public void FindOverlaps_ListsPairsThatShareATopic()
    {
        var pairs = OverlappingSubscriptions.FindOverlaps(["sensors/+/temperature", "sensors/#", "a/b", "a/+/c", "x/y", "x/z"]).ToList();
        Assert.Equal([("sensors/+/temperature", "sensors/#")], pairs);
        Assert.Single(OverlappingSubscriptions.FindOverlaps(["a/#", "a"]));
        Assert.Single(OverlappingSubscriptions.FindOverlaps(["+/b", "a/+"]));
    }

    [Fact]
    public async Task Publish_TopicMatchingTwoFilters_DeliveredOnceWithTheFirstFiltersType()
    {
        var yaml = $"""
            apiVersion: sources.knative.dev/v1alpha1
            kind: MqttSource
            metadata:
              name: overlap
            spec:
              broker:
                url: "{Broker.Url}"
              topics:
                - filter: sensors/+/temperature
                  type: com.example.temperature
                - filter: "sensors/#"
                  type: com.example.any
              sink:
                uri: "{Sink.Url}"
            """;
        var file = Path.Combine(Broker.Directory, "overlap.yaml");
        await File.WriteAllTextAsync(file, yaml);
        await using var adapter = await TestAdapter.StartAsync(TestSettings.Load(["--config", file, "--http-port", "0", "--http-host", "127.0.0.1", "--client-id", TestSettings.NewClientId("overlap")]));

        foreach (var (topic, body) in new[] { ("sensors/d1/temperature", "t"), ("sensors/d1/humidity", "h") })
        {
            var sent = await MosquittoClients.PublishAsync(Broker.ClientOptions() with { Qos = 1 }, topic, body);
            Assert.True(sent.Succeeded, sent.ToString());
        }

        await Sink.WaitForCountAsync(2, TimeSpan.FromSeconds(15));
        await Testing.Eventually.WaitUntilAsync(() => adapter.Running.Client.PendingAcknowledgements == 0, TimeSpan.FromSeconds(5), "all acknowledged");
        Assert.Equal(2, Sink.Requests.Count);
        Assert.Equal("com.example.temperature", Assert.Single(Sink.Requests, r => r.BodyText == "t").Header("ce-type"));
        Assert.Equal("com.example.any", Assert.Single(Sink.Requests, r => r.BodyText == "h").Header("ce-type"));
    }
}
