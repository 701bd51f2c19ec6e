using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;
using MqttSource.Controller.Api;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Runtime;
using MqttSource.Hosting;

namespace MqttSource.Controller.Hosting;

/// <summary>
/// The <c>mqtt-source-controller</c> process: configuration from env and kubeconfig/in-cluster, JSON logs, probes and metrics
/// on :8080 through the small probe listener (no ASP.NET Core host, no Kestrel, no DI container).
/// </summary>
internal static class ControllerApp
{
    /// <summary>Runs until SIGTERM/SIGINT/SIGQUIT (exit 0); 2 on a configuration error, 1 when it cannot listen or crashes.</summary>
    public static async Task<int> RunAsync(TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(error);
        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClients.LoadConfiguration(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));
        }
        catch (KubeConfigException ex)
        {
            await error.WriteLineAsync("mqtt-source-controller: " + ex.Message).ConfigureAwait(false);
            return 2;
        }

        var options = ControllerOptions.FromEnvironment(Environment.GetEnvironmentVariable, configuration.Namespace, out var errors);
        if (options is null)
        {
            foreach (var problem in errors)
            {
                await error.WriteLineAsync("mqtt-source-controller: " + problem).ConfigureAwait(false);
            }

            return 2;
        }

        var logLevel = new LogLevelSwitch();
        using var loggers = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(LogLevel.Trace);
            logging.AddFilter(logLevel.Filter);
            logging.AddJsonConsole(o =>
            {
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
                o.UseUtcTimestamp = true;
            });
        });
        using var signals = new ShutdownSignals();
        using var client = KubernetesClients.Create(configuration);
        var host = new ControllerHost(client, options, TimeProvider.System, loggers, logLevel);
        ProbeServer probes;
        try
        {
            probes = ProbeServer.Start(IPAddress.Any, options.HttpPort, path => ControllerEndpoints.Handle(path, host));
        }
        catch (SocketException ex)
        {
            await error.WriteLineAsync($"mqtt-source-controller: cannot listen on 0.0.0.0:{options.HttpPort} for /health, /readiness and /metrics: {ex.Message}").ConfigureAwait(false);
            return 1;
        }

        await using (probes.ConfigureAwait(false))
        {
            try
            {
                await host.RunAsync(signals.Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (signals.Stopping.IsCancellationRequested)
            {
                // SIGTERM: the lease is released on the way out.
            }
            catch (Exception ex)
            {
                ControllerLog.Crashed(loggers.CreateLogger("MqttSource.Controller"), ex);
                return 1;
            }
        }

        return 0;
    }
}
