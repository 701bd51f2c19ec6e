using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using MqttSource.Testing;
using MqttSource.Testing.Kubernetes;
using Xunit;
using Xunit.Abstractions;

namespace MqttSource.Publish.Tests;

/// <summary>The published controller runs alone: its idle memory is measured.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class PublishedControllerCollection
{
    public const string Name = "published controller";
}

/// <summary>
/// The controller as its image runs it: scripts/publish.sh (trimmed, self-contained; KubernetesClient kept whole), started
/// with a kubeconfig whose user is an exec credential plugin (what crashed a fully trimmed build), against the fake API
/// server: it leads, reconciles a source into its Service and StatefulSet, and stays under 100 MB resident when idle.
/// </summary>
[Collection(PublishedControllerCollection.Name)]
public sealed class PublishedControllerTests(ITestOutputHelper output)
{
    private const long IdleRssLimitBytes = 100L * 1024 * 1024;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task PublishedController_KubeconfigWithExecPlugin_ReconcilesAndIdlesUnder100MB()
    {
        var folder = await PublishedApps.GetAsync();
        await using var server = await FakeApiServer.StartAsync();
        server.RegisterKind("sources.knative.dev", "mqttsources", "MqttSource");
        server.RequiredBearerToken = "from-the-plugin";
        var home = Directory.CreateTempSubdirectory("published-controller-");
        try
        {
            var plugin = Path.Combine(home.FullName, "plugin.sh");
            await File.WriteAllTextAsync(plugin, "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1\",\"kind\":\"ExecCredential\",\"status\":{\"token\":\"from-the-plugin\"}}'\n");
            var kubeconfig = Path.Combine(home.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, $"""
                apiVersion: v1
                kind: Config
                current-context: fake
                clusters: [{"{"}name: fake, cluster: {"{"}server: "{server.BaseAddress}"{"}"}{"}"}]
                contexts: [{"{"}name: fake, context: {"{"}cluster: fake, user: plugin{"}"}{"}"}]
                users: [{"{"}name: plugin, user: {"{"}exec: {"{"}apiVersion: client.authentication.k8s.io/v1, command: sh, args: ["{plugin}"], interactiveMode: Never{"}"}{"}"}{"}"}]
                """);
            var port = TestPorts.GetFreeTcpPort();
            var start = new ProcessStartInfo(PublishedApps.Controller(folder)) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var (name, value) in new Dictionary<string, string>
            {
                ["KUBECONFIG"] = kubeconfig,
                ["MQTT_RA_IMAGE"] = "registry.example.com/mqtt-source/adapter:test",
                ["POD_NAME"] = "controller-0",
                ["POD_NAMESPACE"] = "mqtt-source-system",
                ["HTTP_PORT"] = port.ToString(CultureInfo.InvariantCulture),
                ["DOTNET_gcServer"] = "0", // as the image (Dockerfile)
                ["DOTNET_TieredPGO"] = "0",
                ["DOTNET_EnableWriteXorExecute"] = "0",
            })
            {
                start.Environment[name] = value;
            }

            using var controller = Process.Start(start)!;
            var logs = new System.Collections.Concurrent.ConcurrentQueue<string>();
            controller.OutputDataReceived += (_, e) => logs.Enqueue(e.Data ?? string.Empty);
            controller.ErrorDataReceived += (_, e) => logs.Enqueue(e.Data ?? string.Empty);
            controller.BeginOutputReadLine();
            controller.BeginErrorReadLine();
            try
            {
                using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
                await Eventually.WaitUntilAsync(
                    async () =>
                    {
                        Assert.False(controller.HasExited, "the controller exited:\n" + string.Join('\n', logs));
                        try
                        {
                            return (await http.GetAsync($"http://127.0.0.1:{port}/readiness")).IsSuccessStatusCode;
                        }
                        catch (HttpRequestException)
                        {
                            return false;
                        }
                    },
                    Timeout,
                    "the published controller leads with synced caches");

                server.Upsert("sources.knative.dev", "v1alpha1", "mqttsources", JsonNode.Parse("""
                    {"metadata":{"name":"telemetry","namespace":"edge"},
                     "spec":{"broker":{"url":"mqtt://mosquitto.edge.svc:1883"},"topics":[{"filter":"sensors/#"}],"sink":{"uri":"http://display.edge.svc.cluster.local/"}}}
                    """)!.AsObject());
                await Eventually.WaitUntilAsync(
                    () => server.Get("apps", "statefulsets", "edge", "mqttsource-telemetry") is not null
                        && server.Get(string.Empty, "services", "edge", "mqttsource-telemetry") is not null
                        && server.Get("sources.knative.dev", "mqttsources", "edge", "telemetry")?["status"]?["sinkUri"] is not null,
                    Timeout,
                    "the source is reconciled by the published controller");
                Assert.All(server.Requests, r => Assert.Equal("Bearer from-the-plugin", r.Authorization));

                var rss = ResidentBytes(controller.Id);
                output.WriteLine($"published controller: {FolderBytes(Path.Combine(folder, "controller")) / (1024 * 1024)} MB on disk, idle RSS {rss / (1024 * 1024)} MB after reconciling");
                Assert.True(rss <= IdleRssLimitBytes, $"idle RSS {rss / (1024 * 1024)} MB, more than 100 MB");

                // SIGTERM (a rollout): exit 0, the Lease released so that a standby takes over at once.
                using (var term = Process.Start("kill", ["-TERM", controller.Id.ToString(CultureInfo.InvariantCulture)]))
                {
                    await term.WaitForExitAsync();
                }

                using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                await controller.WaitForExitAsync(exited.Token);
                Assert.True(controller.ExitCode == 0, $"exit code {controller.ExitCode}:\n" + string.Join('\n', logs));
                var lease = server.Get("coordination.k8s.io", "leases", "mqtt-source-system", "mqtt-source-controller");
                Assert.NotNull(lease);
                Assert.Null(lease["spec"]?["holderIdentity"]?.GetValue<string>());
            }
            finally
            {
                if (!controller.HasExited)
                {
                    controller.Kill(entireProcessTree: true);
                    await controller.WaitForExitAsync();
                }
            }
        }
        finally
        {
            home.Delete(recursive: true);
        }
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    }

    private static long FolderBytes(string folder) => new DirectoryInfo(folder).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);
}
