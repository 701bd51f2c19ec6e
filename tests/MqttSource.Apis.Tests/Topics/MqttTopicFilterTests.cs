using FsCheck;
using FsCheck.Fluent;
using MqttSource.Apis.Topics;
using Xunit;

namespace MqttSource.Apis.Tests.Topics;

public sealed class MqttTopicFilterTests
{
    [Theory]
    [InlineData("a/b/c", "a/b/c", true)]
    [InlineData("a/b/c", "a/b", false)]
    [InlineData("a/b", "a/b/c", false)]
    [InlineData("a/b/c", "A/b/c", false)]
    [InlineData("sensors/+/temperature", "sensors/kitchen/temperature", true)]
    [InlineData("sensors/+/temperature", "sensors/kitchen/humidity", false)]
    [InlineData("sensors/+/temperature", "sensors/temperature", false)]
    [InlineData("sensors/+/temperature", "sensors//temperature", true)]
    [InlineData("+", "a", true)]
    [InlineData("+", "a/b", false)]
    [InlineData("+", "", false)]
    [InlineData("+/+", "/finance", true)]
    [InlineData("/+", "/finance", true)]
    [InlineData("+", "/finance", false)]
    [InlineData("a/+", "a/", true)]
    [InlineData("a/+", "a", false)]
    [InlineData("#", "a", true)]
    [InlineData("#", "a/b/c", true)]
    [InlineData("#", "/", true)]
    [InlineData("sport/#", "sport", true)]
    [InlineData("sport/#", "sport/tennis/player1", true)]
    [InlineData("sport/#", "sports", false)]
    [InlineData("sport/tennis/#", "sport/tennis", true)]
    [InlineData("+/tennis/#", "sport/tennis/player1/ranking", true)]
    [InlineData("#", "$SYS/broker", false)]
    [InlineData("+/broker", "$SYS/broker", false)]
    [InlineData("$SYS/#", "$SYS/broker", true)]
    [InlineData("$SYS/+", "$SYS/broker", true)]
    [InlineData("a/#", "$a/b", false)]
    [InlineData("a/$b", "a/$b", true)]
    [InlineData("a/+", "a/$b", true)]
    [InlineData("$share/group/sensors/+", "sensors/x", true)]
    [InlineData("$share/group/#", "a/b", true)]
    [InlineData("$share/group/#", "$SYS/x", false)]
    [InlineData("$share/group", "group", false)]
    [InlineData("$share/g/a", "$share/g/a", false)]
    public void Matches_FilterAndTopic_FollowsMqtt47(string filter, string topic, bool matches)
    {
        Assert.Equal(matches, MqttTopicFilter.Matches(filter, topic));
    }

    [Theory]
    [InlineData("a")]
    [InlineData("a/b/c")]
    [InlineData("#")]
    [InlineData("+")]
    [InlineData("a/#")]
    [InlineData("+/+/#")]
    [InlineData("/")]
    [InlineData("a//b")]
    [InlineData("$SYS/#")]
    [InlineData("ünïcode/✓")]
    public void Validate_ValidFilter_ReturnsNull(string filter)
    {
        Assert.Null(MqttTopicFilter.Validate(filter));
    }

    [Theory]
    [InlineData(null, "must not be empty")]
    [InlineData("", "must not be empty")]
    [InlineData("a/#/b", "'#' must be a whole level and the last one")]
    [InlineData("#/a", "'#' must be a whole level and the last one")]
    [InlineData("a#", "'#' must be a whole level and the last one")]
    [InlineData("a/b#", "'#' must be a whole level and the last one")]
    [InlineData("##", "'#' must be a whole level and the last one")]
    [InlineData("a+", "'+' must be a whole level")]
    [InlineData("a/+b/c", "'+' must be a whole level")]
    [InlineData("++", "'+' must be a whole level")]
    [InlineData("a\0b", "must not contain U+0000")]
    public void Validate_InvalidFilter_SaysWhy(string? filter, string reason)
    {
        Assert.StartsWith(reason, MqttTopicFilter.Validate(filter), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_Over65535Utf8Bytes_IsRefused()
    {
        Assert.Null(MqttTopicFilter.Validate(new string('a', 65535)));
        Assert.Equal("must be at most 65535 UTF-8 bytes", MqttTopicFilter.Validate(new string('a', 65536)));
        Assert.Equal("must be at most 65535 UTF-8 bytes", MqttTopicFilter.Validate(new string('€', 21846)));
    }

    [Theory]
    [InlineData("a/b", null, "a/b")]
    [InlineData("a/b", "", "a/b")]
    [InlineData("a/b", "g", "$share/g/a/b")]
    public void Share_Group_PrefixesFilter(string filter, string? group, string shared)
    {
        Assert.Equal(shared, MqttTopicFilter.Share(filter, group));
        Assert.Equal(filter, MqttTopicFilter.StripSharePrefix(shared));
    }

    [Fact]
    public void Matches_AnyTopicWithoutWildcards_MatchesItselfAndHashUnlessDollar()
    {
        var topics = ArbMap.Default.ArbFor<NonEmptyString>()
            .Filter(s => s.Get.IndexOfAny(['+', '#', '\0']) < 0);
        Prop.ForAll(topics, t =>
        {
            var topic = t.Get;
            return MqttTopicFilter.Matches(topic, topic)
                && MqttTopicFilter.Matches("#", topic) == !topic.StartsWith('$')
                && MqttTopicFilter.Matches("$share/g/" + topic, topic);
        }).QuickCheckThrowOnFailure();
    }
}
