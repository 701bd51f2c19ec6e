using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MqttSource.Adapter.Configuration;
using MqttSource.Adapter.Conversion;
using MqttSource.Adapter.Delivery;
using MqttSource.Adapter.Metrics;
using MqttSource.Adapter.Pipeline;
using MqttSource.Apis.Settings;
using CloudNative.CloudEvents;
using MqttSource.Mqtt;
using MqttSource.Mqtt.Client;

namespace MqttSource.Adapter.Hosting;

/// <summary>Builds and runs the adapter: Kestrel for probes and metrics, the MQTT client, the pump and the delivery.</summary>
internal static class AdapterApp
{
    /// <summary>The process entry: parses configuration, runs until SIGTERM/SIGINT; returns the exit code.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var settings = AdapterSettingsLoader.ForProcess().Load(args, out var errors, out var help);
        if (help)
        {
            await stdout.WriteLineAsync(CommandLineOptions.Usage).ConfigureAwait(false);
            return 0;
        }

        if (settings is null)
        {
            await stderr.WriteLineAsync("mqtt-source-adapter: invalid configuration:").ConfigureAwait(false);
            foreach (var error in errors)
            {
                await stderr.WriteLineAsync("  - " + error).ConfigureAwait(false);
            }

            return 2;
        }

        await using var app = Build(settings, TimeProvider.System);
        try
        {
            await app.RunAsync().ConfigureAwait(false);
        }
        catch (IOException ex) when (ex.InnerException is Microsoft.AspNetCore.Connections.AddressInUseException)
        {
            await stderr.WriteLineAsync($"mqtt-source-adapter: cannot listen on {settings.HttpHost}:{settings.HttpPort} for /health, /readiness and /metrics: {ex.Message} (use --http-port or HTTP_PORT)").ConfigureAwait(false);
            return 1;
        }

        return 0;
    }

    /// <summary>Starts an adapter in this process (for tests and embedding); dispose or stop it to shut down gracefully.</summary>
    public static async Task<RunningAdapter> StartAsync(AdapterSettings settings, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        var app = Build(settings, time ?? TimeProvider.System, logging);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RunningAdapter(app, new Uri(address), app.Services.GetRequiredService<AdapterMetrics>(), app.Services.GetRequiredService<MqttClient>());
    }

    private static WebApplication Build(AdapterSettings settings, TimeProvider time, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://{(settings.HttpHost.Contains(':', StringComparison.Ordinal) ? "[" + settings.HttpHost + "]" : settings.HttpHost)}:{settings.HttpPort}");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownGrace + TimeSpan.FromSeconds(10));
        ConfigureLogging(builder.Logging, settings);
        logging?.Invoke(builder.Logging);

        var services = builder.Services;
        services.AddSingleton(settings);
        services.AddSingleton(time);
        services.AddSingleton<AdapterMetrics>();
        services.AddSingleton(_ => new SinkHealth(time));
        services.AddSingleton(_ => new MqttClient(MqttClientFactory.CreateOptions(settings), time));
        services.AddSingleton<IEventDelivery>(sp => CreateDelivery(settings, sp.GetRequiredService<AdapterMetrics>(), sp.GetRequiredService<SinkHealth>(), sp.GetRequiredService<ILoggerFactory>(), time));
        services.AddSingleton(sp => new MessagePump(
            settings.Source.Parallelism,
            settings.Source.Ordering == DeliveryOrdering.Ordered,
            sp.GetRequiredService<IEventDelivery>(),
            sp.GetRequiredService<AdapterMetrics>(),
            time,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("MqttSource.Adapter.Pipeline"),
            new OverlappingSubscriptions([.. settings.Source.Topics.Select(t => t.Filter)]),
            sp.GetRequiredService<MqttClient>().AbortConnection));
        services.AddSingleton(sp => CreateStallMonitor(settings, sp, time));
        services.AddSingleton<AdapterService>();
        services.AddHostedService(sp => sp.GetRequiredService<AdapterService>());

        var app = builder.Build();
        var service = app.Services.GetRequiredService<AdapterService>();
        var metrics = app.Services.GetRequiredService<AdapterMetrics>();
        var client = app.Services.GetRequiredService<MqttClient>();
        metrics.OversizedSource = () => client.OversizedMessagesDropped;
        var pump = app.Services.GetRequiredService<MessagePump>();
        metrics.OldestUnackedSource = () => OldestUnacked(client, pump);
        app.Run(context => AdapterEndpoints.HandleAsync(context, service, metrics));
        return app;
    }

    /// <summary>The older of: the client's oldest message not acknowledged or not handed over, the pump's oldest event in flight.</summary>
    private static TimeSpan? OldestUnacked(MqttClient client, MessagePump pump) =>
        (client.OldestPendingMessageAge, pump.OldestInFlightAge) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            (var a, var b) => a ?? b,
        };

    private static StallMonitor CreateStallMonitor(AdapterSettings settings, IServiceProvider services, TimeProvider time)
    {
        var client = services.GetRequiredService<MqttClient>();
        var pump = services.GetRequiredService<MessagePump>();
        return new StallMonitor(
            settings.StallThreshold,
            () => OldestUnacked(client, pump),
            pump,
            services.GetRequiredService<SinkHealth>(),
            () => client.PendingMessages,
            client.AbortConnection,
            services.GetRequiredService<AdapterMetrics>(),
            time,
            services.GetRequiredService<ILoggerFactory>().CreateLogger("MqttSource.Adapter.Pipeline"));
    }

    private static EventDelivery CreateDelivery(AdapterSettings settings, AdapterMetrics metrics, SinkHealth health, ILoggerFactory loggers, TimeProvider time)
    {
        var logger = loggers.CreateLogger("MqttSource.Adapter.Delivery");
        var source = settings.Source;
        var converter = new EventConverter(ConversionSettings.From(source));
        var tokens = settings.Audience is null ? null : new FileBearerTokenSource(settings.TokenFile!, time, logger);
        var sender = new SinkSender(SinkHttpClientFactory.Create(settings), source.ContentMode == EventContentMode.Structured ? ContentMode.Structured : ContentMode.Binary, tokens, time);
        var policy = new DeliveryPolicy(
            source.Delivery.Retry,
            source.Delivery.BackoffPolicy == DeliveryBackoffPolicy.Linear ? BackoffPolicy.Linear : BackoffPolicy.Exponential,
            source.Delivery.BackoffDelay,
            settings.AttemptTimeout,
            metrics,
            logger,
            time,
            health);
        return new EventDelivery(converter, sender, policy, settings.Sink, settings.DeadLetterSink, metrics, logger);
    }

    private static void ConfigureLogging(ILoggingBuilder logging, AdapterSettings settings)
    {
        logging.ClearProviders();
        logging.SetMinimumLevel(settings.LogLevel);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        if (settings.JsonLogs)
        {
            logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
                o.IncludeScopes = false;
            });
        }
        else
        {
            logging.AddSimpleConsole(o =>
            {
                o.SingleLine = true;
                o.TimestampFormat = "HH:mm:ss.fff ";
            });
        }
    }
}
