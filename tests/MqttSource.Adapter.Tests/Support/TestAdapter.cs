using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Configuration;
using MqttSource.Adapter.Hosting;
using MqttSource.Testing;

namespace MqttSource.Adapter.Tests.Support;

/// <summary>An adapter running in this process for one test (probes on a free loopback port), with its log lines kept.</summary>
internal sealed class TestAdapter : IAsyncDisposable
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private bool _stopped;

    private TestAdapter(RunningAdapter adapter, AdapterSettings settings, TestLogs logs)
    {
        Running = adapter;
        Settings = settings;
        Logs = logs;
    }

    public RunningAdapter Running { get; }

    public AdapterSettings Settings { get; }

    public TestLogs Logs { get; }

    public Metrics.AdapterMetrics Metrics => Running.Metrics;

    public Uri Address => Running.Address;

    /// <summary>Starts with <paramref name="settings"/> and, unless told otherwise, waits until /readiness answers 200.</summary>
    public static async Task<TestAdapter> StartAsync(AdapterSettings settings, bool waitUntilReady = true)
    {
        var logs = new TestLogs();
        var running = await AdapterApp.StartAsync(settings, logging: b =>
        {
            b.ClearProviders();
            b.AddProvider(logs);
        });
        var adapter = new TestAdapter(running, settings, logs);
        if (waitUntilReady)
        {
            await Eventually.WaitUntilAsync(async () => (await adapter.GetAsync("/readiness")).Status == 200, TimeSpan.FromSeconds(15), "the adapter is ready");
        }

        return adapter;
    }

    /// <summary>GET on the probe port.</summary>
    public async Task<(int Status, string Body, string? ContentType)> GetAsync(string path)
    {
        using var response = await s_http.GetAsync(new Uri(Address, path));
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), response.Content.Headers.ContentType?.ToString());
    }

    /// <summary>Graceful stop, as on SIGTERM.</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Running.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync());
}
