using MqttSource.Controller.Runtime;
using Xunit;

namespace MqttSource.Controller.Tests.Runtime;

public sealed class ControllerOptionsTests
{
    [Fact]
    public void FromEnvironment_Complete_ReadsEverything()
    {
        var env = new Dictionary<string, string>
        {
            ["MQTT_RA_IMAGE"] = "img:1",
            ["POD_NAME"] = "controller-abc",
            ["POD_NAMESPACE"] = "mqtt-source-system",
            ["WORKERS"] = "4",
        };

        var options = ControllerOptions.FromEnvironment(env.GetValueOrDefault, null, out var errors);

        Assert.Empty(errors);
        Assert.Equal(("img:1", "controller-abc", "mqtt-source-system", 4, true), (options!.AdapterImage, options.Identity, options.SystemNamespace, options.Workers, options.LeaderElection));
    }

    [Fact]
    public void FromEnvironment_NoPodNamespace_UsesInClusterNamespace()
    {
        var options = ControllerOptions.FromEnvironment(n => n == "MQTT_RA_IMAGE" ? "img" : null, "from-sa", out _);

        Assert.Equal("from-sa", options!.SystemNamespace);
    }

    [Fact]
    public void FromEnvironment_Problems_AllListed()
    {
        var options = ControllerOptions.FromEnvironment(n => n switch { "WORKERS" => "0", "HTTP_PORT" => "x", _ => null }, null, out var errors);

        Assert.Null(options);
        Assert.Equal(3, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("MQTT_RA_IMAGE", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("WORKERS", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("HTTP_PORT", StringComparison.Ordinal));
    }
}
