using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using MqttSource.EventDisplay.Events;
using MqttSource.EventDisplay.Http;
using MqttSource.EventDisplay.Logging;
using MqttSource.EventDisplay.Options;
using MqttSource.EventDisplay.Output;

namespace MqttSource.EventDisplay;

/// <summary>
/// A running event-display: Kestrel with the receive endpoint, <c>/healthz</c>, <c>/events</c>, the live
/// stream and the page. Events are printed to the <see cref="TextWriter"/> given at start (stdout in the
/// program); logs go to stderr. Stop it with <see cref="StopAsync"/> or by disposing it.
/// </summary>
internal sealed class EventDisplayServer : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly EventHub hub;
    private readonly OutputWriter output;
    private readonly ILogger logger;
    private int stopped;

    private EventDisplayServer(WebApplication app, EventHub hub, OutputWriter output, ILogger logger)
    {
        this.app = app;
        this.hub = hub;
        this.output = output;
        this.logger = logger;
    }

    /// <summary>The addresses Kestrel listens on, as bound (a port 0 is replaced by the real port).</summary>
    public IReadOnlyList<Uri> Addresses => [.. app.Urls.Select(url => new Uri(url.Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal).Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)))];

    /// <summary>The recent events and live subscribers.</summary>
    internal EventHub Hub => hub;

    /// <summary>Parses the command line and environment, then starts.</summary>
    /// <param name="args">Command-line arguments, as for the program.</param>
    /// <param name="output">Where events are printed; flushed but not disposed.</param>
    /// <param name="environment">Looks up environment variables; null reads the process environment.</param>
    /// <param name="configureLogging">Adjusts logging (by default: console on stderr).</param>
    /// <param name="cancellationToken">Cancels starting.</param>
    /// <exception cref="ArgumentException">The arguments or environment are invalid; the message lists every problem.</exception>
    public static Task<EventDisplayServer> StartAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        Func<string, string?>? environment = null,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        var parsed = EventDisplayOptionsParser.Parse(args, environment ?? Environment.GetEnvironmentVariable);
        return parsed.Options is { } options
            ? StartAsync(options, output, TimeProvider.System, configureLogging, cancellationToken)
            : throw new ArgumentException(parsed.HelpRequested ? "--help is not a server option." : string.Join(Environment.NewLine, parsed.Errors), nameof(args));
    }

    /// <summary>Starts with the given options.</summary>
    public static async Task<EventDisplayServer> StartAsync(
        EventDisplayOptions options,
        TextWriter output,
        TimeProvider timeProvider,
        Action<ILoggingBuilder>? configureLogging = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ApplicationName = "event-display" });
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(console => console.SingleLine = true);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Services.Configure<ConsoleLoggerOptions>(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        configureLogging?.Invoke(builder.Logging);
        builder.WebHost.UseUrls([.. options.Urls]);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            // Our own reader answers 413 first; Kestrel's limit only has to stay above it.
            kestrel.Limits.MaxRequestBodySize = Math.Max(options.MaxBodySize + (64 * 1024), 30_000_000);
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
            kestrel.Limits.MaxRequestHeaderCount = 100;
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
        });

        var app = builder.Build();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EventDisplay");
        var hub = new EventHub(options.History, options.HistoryBytes, options.MaxStreamClients, options.StreamClientQueue, timeProvider);
        var writer = new OutputWriter(output, options.OutputQueue, logger);
        var stopping = app.Lifetime.ApplicationStopping;
        stopping.Register(hub.Complete);

        var page = new PageEndpoint();
        foreach (var path in page.Paths)
        {
            app.MapMethods(path, [HttpMethods.Get, HttpMethods.Head], page.HandleAsync);
        }

        app.MapGet("/healthz", static context =>
        {
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        });
        app.MapGet("/events", new EventsEndpoint(hub).HandleAsync);
        app.MapGet("/events/stream", new StreamEndpoint(options, hub, timeProvider, logger, stopping).HandleAsync);
        var receive = new ReceiveEndpoint(options, hub, writer, logger);
        app.MapPost("/", receive.HandleAsync);
        app.MapPost("/{**path}", receive.HandleAsync);

        var server = new EventDisplayServer(app, hub, writer, logger);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        EventDisplayLog.Listening(logger, string.Join(", ", app.Urls), options.History);
        return server;
    }

    /// <summary>Completes when the host is asked to stop (Ctrl+C, SIGTERM).</summary>
    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => app.WaitForShutdownAsync(cancellationToken);

    /// <summary>Stops listening, ends the live streams, and writes and flushes what is still queued for output.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) != 0)
        {
            return;
        }

        EventDisplayLog.Stopping(logger);
        hub.Complete();
        try
        {
            await app.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await output.DisposeAsync().ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }
}
