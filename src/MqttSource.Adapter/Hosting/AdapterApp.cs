using System.Net.Sockets;
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
using MqttSource.Hosting;

namespace MqttSource.Adapter.Hosting;

/// <summary>Builds and runs the adapter: the MQTT client, the pump, the delivery, and the probe listener; no generic host, no DI container.</summary>
internal static class AdapterApp
{
    /// <summary>The process entry: parses configuration, runs until SIGTERM/SIGINT/SIGQUIT; returns the exit code.</summary>
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

        using var signals = new ShutdownSignals();
        RunningAdapter adapter;
        try
        {
            adapter = await StartAsync(settings, TimeProvider.System).ConfigureAwait(false);
        }
        catch (ListenFailedException ex)
        {
            await stderr.WriteLineAsync("mqtt-source-adapter: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        await using (adapter.ConfigureAwait(false))
        {
            await signals.Stopped.ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>Starts an adapter in this process (the process entry, tests, embedding); dispose or stop it to shut down gracefully.</summary>
    public static async Task<RunningAdapter> StartAsync(AdapterSettings settings, TimeProvider? time = null, Action<ILoggingBuilder>? logging = null)
    {
        time ??= TimeProvider.System;
        var address = ListenAddress.Parse(settings.HttpHost) ?? throw new ArgumentException($"--http-host must be an IP address, localhost or * (got '{settings.HttpHost}')", nameof(settings));
        var loggers = LoggerFactory.Create(builder =>
        {
            ConfigureLogging(builder, settings);
            logging?.Invoke(builder);
        });
        var metrics = new AdapterMetrics();
        var health = new SinkHealth(time);
        var client = new MqttClient(MqttClientFactory.CreateOptions(settings), time);
        var delivery = CreateDelivery(settings, metrics, health, loggers, time);
        var pipelineLog = loggers.CreateLogger("MqttSource.Adapter.Pipeline");
        var pump = new MessagePump(
            settings.Source.Parallelism,
            settings.Source.Ordering == DeliveryOrdering.Ordered,
            delivery,
            metrics,
            time,
            pipelineLog,
            new OverlappingSubscriptions([.. settings.Source.Topics.Select(t => t.Filter)]),
            client.AbortConnection);
        var stalls = new StallMonitor(settings.StallThreshold, () => OldestUnacked(client, pump), pump, health, () => client.PendingMessages, client.AbortConnection, metrics, time, pipelineLog);
        var service = new AdapterService(settings, client, pump, stalls, metrics, loggers.CreateLogger<AdapterService>());
        metrics.OversizedSource = () => client.OversizedMessagesDropped;
        metrics.OldestUnackedSource = () => OldestUnacked(client, pump);
        ProbeServer probes;
        try
        {
            probes = ProbeServer.Start(address, settings.HttpPort, path => AdapterEndpoints.Handle(path, service, metrics));
        }
        catch (SocketException ex)
        {
            await client.DisposeAsync().ConfigureAwait(false);
            pump.Dispose();
            service.Dispose();
            loggers.Dispose();
            throw new ListenFailedException($"cannot listen on {settings.HttpHost}:{settings.HttpPort} for /health, /readiness and /metrics: {ex.Message} (use --http-port or HTTP_PORT, --http-host)", ex);
        }

        var running = new RunningAdapter(service, probes, loggers, metrics, client, pump);
        try
        {
            await service.StartAsync(CancellationToken.None).ConfigureAwait(false);
        }
        catch
        {
            await running.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return running;
    }

    /// <summary>The older of: the client's oldest message not acknowledged or not handed over, the pump's oldest event in flight.</summary>
    private static TimeSpan? OldestUnacked(MqttClient client, MessagePump pump) =>
        (client.OldestPendingMessageAge, pump.OldestInFlightAge) switch
        {
            ({ } a, { } b) => a > b ? a : b,
            (var a, var b) => a ?? b,
        };

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
