using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;

namespace MqttSource.Publish.Tests;

/// <summary>
/// What the container images run: scripts/publish.sh builds the trimmed, self-contained apps (trim warnings are errors);
/// the published adapter then delivers a message from a real Mosquitto to the published event-display.
/// </summary>
public sealed class PublishedAppsTests
{
    [Fact]
    public async Task PublishedApps_MessageFromMosquitto_ArrivesAtPublishedEventDisplay()
    {
        var output = await PublishedApps.GetAsync();

        await using var broker = await MosquittoBroker.StartAsync();
        var displayPort = TestPorts.GetFreeTcpPort();
        var adapterPort = TestPorts.GetFreeTcpPort();
        using var display = Start(PublishedApps.EventDisplay(output), $"--urls http://127.0.0.1:{displayPort}");
        using var adapter = Start(
            PublishedApps.Adapter(output),
            $"--broker {broker.Url} --topic sensors/# --type com.example.reading --sink http://127.0.0.1:{displayPort}/ --http-port {adapterPort} --http-host 127.0.0.1 --client-id published-test");
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            await Eventually.WaitUntilAsync(() => IsOkAsync(http, $"http://127.0.0.1:{displayPort}/healthz"), TimeSpan.FromSeconds(30), "published event-display healthy");
            await Eventually.WaitUntilAsync(() => IsOkAsync(http, $"http://127.0.0.1:{adapterPort}/readiness"), TimeSpan.FromSeconds(30), "published adapter ready");
            Assert.True(await IsOkAsync(http, $"http://127.0.0.1:{adapterPort}/health"));

            var sent = await MosquittoClients.PublishAsync(broker.ClientOptions() with { Qos = 1 }, "sensors/dev1/temperature", """{"celsius":21.5}""");
            Assert.True(sent.Succeeded, sent.ToString());

            JsonElement events = default;
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    events = await http.GetFromJsonAsync<JsonElement>($"http://127.0.0.1:{displayPort}/events");
                    return events.GetArrayLength() > 0;
                },
                TimeSpan.FromSeconds(30),
                "the event at event-display");
            var ev = events[0];
            Assert.Equal("com.example.reading", ev.GetProperty("type").GetString());
            Assert.Equal("sensors/dev1/temperature", ev.GetProperty("subject").GetString());
            Assert.Equal(21.5, ev.GetProperty("data").GetProperty("celsius").GetDouble());
            // The sink stores the event before it answers; the adapter counts it once the answer is in.
            await Eventually.WaitUntilAsync(
                async () => (await http.GetStringAsync($"http://127.0.0.1:{adapterPort}/metrics")).Contains("mqttsource_events_delivered_total 1\n", StringComparison.Ordinal),
                TimeSpan.FromSeconds(10),
                "the adapter counting the delivery");
            // Without TLS the adapter needs no OpenSSL: loading libcrypto (e.g. for event ids) costs ~4 MB of RSS.
            var maps = await File.ReadAllTextAsync($"/proc/{adapter.Id}/maps");
            Assert.DoesNotContain("libcrypto", maps, StringComparison.Ordinal);
            // No ASP.NET Core host or Kestrel for three probe paths: they cost ~14 MB of RSS (README, Benchmarks).
            Assert.DoesNotContain("Microsoft.AspNetCore.", maps, StringComparison.Ordinal);
            Assert.DoesNotContain("Microsoft.Extensions.Hosting", maps, StringComparison.Ordinal);
        }
        finally
        {
            Stop(adapter);
            Stop(display);
        }
    }

    private static async Task<bool> IsOkAsync(HttpClient http, string url)
    {
        try
        {
            using var response = await http.GetAsync(url);
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static Process Start(string path, string args) =>
        Process.Start(new ProcessStartInfo(path, args) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true })
        ?? throw new InvalidOperationException($"cannot start {path}");

    private static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }
}
