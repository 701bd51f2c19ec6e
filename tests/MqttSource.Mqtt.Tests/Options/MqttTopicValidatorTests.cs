using Xunit;

namespace MqttSource.Mqtt.Tests.Options;

public sealed class MqttTopicValidatorTests
{
    [Theory]
    [InlineData("sensors/+/temperature")]
    [InlineData("sensors/#")]
    [InlineData("#")]
    [InlineData("+")]
    [InlineData("+/+")]
    [InlineData("/")]
    [InlineData("a//b")]
    [InlineData("$share/group/sensors/#")]
    [InlineData("$SYS/#")]
    public void ValidateFilter_ValidFilter_ReturnsNull(string filter) => Assert.Null(MqttTopicValidator.ValidateFilter(filter));

    [Theory]
    [InlineData("")]
    [InlineData("sensors/#/x")]
    [InlineData("sensors#")]
    [InlineData("sensors/te+")]
    [InlineData("a\0b")]
    [InlineData("$share//x")]
    [InlineData("$share/g")]
    [InlineData("$share/g+/x")]
    public void ValidateFilter_InvalidFilter_SaysWhy(string filter) => Assert.NotNull(MqttTopicValidator.ValidateFilter(filter));

    [Theory]
    [InlineData("a/+")]
    [InlineData("a/#")]
    [InlineData("")]
    [InlineData("a\0")]
    public void ValidateTopicName_Invalid_SaysWhy(string topic) => Assert.NotNull(MqttTopicValidator.ValidateTopicName(topic));

    [Theory]
    [InlineData("sensors/+/temperature", "sensors/dev1/temperature", true)]
    [InlineData("sensors/+/temperature", "sensors/dev1/humidity", false)]
    [InlineData("sensors/#", "sensors", true)]
    [InlineData("sensors/#", "sensors/a/b/c", true)]
    [InlineData("#", "$SYS/broker", false)]
    [InlineData("+/broker", "$SYS/broker", false)]
    [InlineData("$SYS/#", "$SYS/broker", true)]
    [InlineData("a/b", "a/b", true)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/+", "a", false)]
    [InlineData("+/+", "/x", true)]
    [InlineData("$share/g/sensors/+", "sensors/x", true)]
    public void Matches_FilterAndTopic_FollowsMqttRules(string filter, string topic, bool expected) =>
        Assert.Equal(expected, MqttTopicValidator.Matches(filter, topic));
}
