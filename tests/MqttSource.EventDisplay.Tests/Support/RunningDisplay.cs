using Microsoft.Extensions.Logging;
using MqttSource.Testing;

namespace MqttSource.EventDisplay.Tests.Support;

/// <summary>An in-process event-display on a free loopback port, its stdout captured, with a client for it.</summary>
internal sealed class RunningDisplay : IAsyncDisposable
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private RunningDisplay(EventDisplayServer server, ConcurrentStringWriter output, CapturingLoggerProvider logs, Uri baseAddress)
    {
        Server = server;
        Output = output;
        Logs = logs;
        BaseAddress = baseAddress;
        Client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(20) };
    }

    public EventDisplayServer Server { get; }

    public ConcurrentStringWriter Output { get; }

    public CapturingLoggerProvider Logs { get; }

    public Uri BaseAddress { get; }

    public HttpClient Client { get; }

    public static async Task<RunningDisplay> StartAsync(IEnumerable<string>? args = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = TestPorts.GetFreeTcpPort();
            var output = new ConcurrentStringWriter();
            var logs = new CapturingLoggerProvider();
            try
            {
                var server = await EventDisplayServer.StartAsync(
                    ["--urls", $"http://127.0.0.1:{port}", .. args ?? []],
                    output,
                    name => environment is not null && environment.TryGetValue(name, out var value) ? value : null,
                    logging =>
                    {
                        logging.ClearProviders();
                        logging.AddProvider(logs);
                        logging.SetMinimumLevel(LogLevel.Debug);
                    });
                return new RunningDisplay(server, output, logs, new Uri($"http://127.0.0.1:{port}/"));
            }
            catch (IOException ex) when (attempt < 5 && ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // Another process took the port between the probe and the bind: try another.
            }
        }
    }

    /// <summary>Waits until stdout holds <paramref name="text"/>.</summary>
    public Task WaitForOutputAsync(string text) =>
        Eventually.WaitUntilAsync(() => Output.ToString().Contains(text, StringComparison.Ordinal), Timeout, $"stdout contains \"{text}\"");

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}
