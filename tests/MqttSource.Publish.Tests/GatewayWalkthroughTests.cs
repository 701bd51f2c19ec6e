using System.Text.Json;

namespace MqttSource.Publish.Tests;

/// <summary>
/// A new user's first hour: README's "Run on a gateway without Kubernetes" steps and its quick-flags example, followed
/// literally with the published apps and the sample files (Mosquitto with samples/gateway/mosquitto.conf, event-display,
/// the adapter from samples/gateway/mqttsource.yaml and the systemd unit), in a private network namespace so that the
/// documented ports are free. One mosquitto_pub, and the event is at event-display on the first try.
/// </summary>
public sealed class GatewayWalkthroughTests
{
    private const string Heading = "## Run on a gateway without Kubernetes";
    private static readonly string s_readme = File.ReadAllText(Path.Combine(Shell.Root, "README.md"));

    [Fact]
    public async Task ReadmeGatewaySteps_FollowedLiterally_EventArrivesAtEventDisplayOnFirstTry()
    {
        var blocks = ReadmeWalkthrough.ShellBlocks(s_readme, Heading);
        var walkthrough = new ReadmeWalkthrough(await PublishedApps.GetAsync());
        foreach (var line in blocks[0])
        {
            walkthrough.Add(line);
        }

        var ev = Assert.Single(await RunAsync(walkthrough));

        Assert.Equal("com.example.sensor.temperature", ev.GetProperty("type").GetString());
        Assert.Equal("sensors/dev1/temperature", ev.GetProperty("subject").GetString());
        Assert.Equal("gateway1", ev.GetProperty("site").GetString());
        Assert.Equal(21.5, ev.GetProperty("data").GetProperty("celsius").GetDouble());
    }

    [Fact]
    public async Task ReadmeQuickFlagsExample_FollowedLiterally_EventArrivesAtEventDisplayOnFirstTry()
    {
        var blocks = ReadmeWalkthrough.ShellBlocks(s_readme, Heading);
        Assert.True(blocks.Count >= 2, "README's gateway section has no quick-flags example");
        var walkthrough = new ReadmeWalkthrough(await PublishedApps.GetAsync());
        // Its prerequisites are the gateway steps up to event-display (Mosquitto, the apps, event-display), not the service.
        foreach (var line in blocks[0].TakeWhile(l => !l.Contains("mqttsource.yaml", StringComparison.Ordinal)))
        {
            walkthrough.Add(line);
        }

        Assert.Contains(blocks[1], l => l.Contains("--session clean", StringComparison.Ordinal));
        foreach (var line in blocks[1])
        {
            walkthrough.Add(line);
        }

        var ev = Assert.Single(await RunAsync(walkthrough));

        Assert.Equal("dev.knative.mqtt.event", ev.GetProperty("type").GetString());
        Assert.Equal("sensors/dev1/temperature", ev.GetProperty("subject").GetString());
        Assert.Equal(21.5, ev.GetProperty("data").GetProperty("celsius").GetDouble());
    }

    private static async Task<List<JsonElement>> RunAsync(ReadmeWalkthrough walkthrough)
    {
        var work = Directory.CreateTempSubdirectory("mqttsource-walkthrough-");
        try
        {
            var script = Path.Combine(work.FullName, "walkthrough.sh");
            await File.WriteAllTextAsync(script, walkthrough.Script(work.FullName));
            // unshare -rn: a new user and network namespace — its own loopback, where 1883, 8080 and 8081 are free.
            var result = await Shell.RunAsync("unshare", ["-rn", "bash", script], TimeSpan.FromMinutes(5));
            Assert.True(result.ExitCode == 0, result.ToString());
            var events = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries)[^1];
            return [.. JsonDocument.Parse(events).RootElement.EnumerateArray().Select(e => e.Clone())];
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }
}
