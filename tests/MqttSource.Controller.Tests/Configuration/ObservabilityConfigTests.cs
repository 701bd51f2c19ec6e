using k8s.Models;
using Microsoft.Extensions.Logging;
using MqttSource.Controller.Configuration;
using Xunit;

namespace MqttSource.Controller.Tests.Configuration;

public sealed class ObservabilityConfigTests
{
    private static V1ConfigMap Map(params (string Key, string Value)[] data) =>
        new() { Metadata = new V1ObjectMeta { Name = "x" }, Data = data.ToDictionary(d => d.Key, d => d.Value) };

    [Fact]
    public void From_LoggingConfig_JsonOfTheDataWithoutUnderscoreKeys_SortedAndControllerLevel()
    {
        var config = ObservabilityConfig.From(Map(("loglevel.mqtt-source-controller", "debug"), ("_example", "x"), ("loglevel.mqtt-source-adapter", "warn")), null);

        Assert.Equal("""{"loglevel.mqtt-source-adapter":"warn","loglevel.mqtt-source-controller":"debug"}""", config.LoggingJson);
        Assert.Equal(LogLevel.Debug, config.ControllerLevel);
        Assert.Null(config.ObservabilityJson);
        Assert.Empty(config.Problems);
    }

    [Fact]
    public void From_UnknownLevel_LeftOutAndReported()
    {
        var config = ObservabilityConfig.From(Map(("loglevel.mqtt-source-adapter", "loud")), Map());

        Assert.Equal("{}", config.LoggingJson);
        Assert.Equal("{}", config.ObservabilityJson);
        var problem = Assert.Single(config.Problems);
        Assert.Contains("loglevel.mqtt-source-adapter", problem, StringComparison.Ordinal);
        Assert.Contains("'loud'", problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("enabled", true)]
    [InlineData("Enabled", true)]
    [InlineData("disabled", false)]
    [InlineData("allowed", false)]
    public void FeatureFlags_Oidc(string value, bool enabled) =>
        Assert.Equal(enabled, FeatureFlags.From(Map(("authentication-oidc", value))).OidcEnabled);

    [Fact]
    public void FeatureFlags_NoConfigMap_Off() => Assert.False(FeatureFlags.From(null).OidcEnabled);

    [Fact]
    public void ConfigStore_SameDataAgain_NoChange()
    {
        var store = new ConfigStore();

        Assert.True(store.SetLogging(Map(("loglevel.mqtt-source-adapter", "debug"))));
        Assert.False(store.SetLogging(Map(("loglevel.mqtt-source-adapter", "debug"))));
        Assert.True(store.SetFeatures(Map(("authentication-oidc", "enabled"))));
        Assert.False(store.SetFeatures(Map(("authentication-oidc", "enabled"))));
    }

    [Fact]
    public void LogLevelSwitch_OurCategoriesAtTheLevel_FrameworkAtWarning()
    {
        var level = new LogLevelSwitch { Level = LogLevel.Debug };

        Assert.True(level.Filter("MqttSource.Controller", LogLevel.Debug));
        Assert.False(level.Filter("Microsoft.AspNetCore", LogLevel.Information));
        level.Level = LogLevel.Error;
        Assert.False(level.Filter("MqttSource.Controller", LogLevel.Warning));
    }
}
