using k8s;
using k8s.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MqttSource.Controller.Api;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Runtime;

namespace MqttSource.Controller.Hosting;

/// <summary>The <c>mqtt-source-controller</c> process: configuration from env and kubeconfig/in-cluster, JSON logs, probes and metrics on :8080.</summary>
internal static class ControllerApp
{
    /// <summary>Runs until SIGTERM; exit code 2 on a configuration error.</summary>
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
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls($"http://0.0.0.0:{options.HttpPort}");
        builder.WebHost.ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Trace);
        builder.Logging.AddFilter(logLevel.Filter);
        builder.Logging.AddJsonConsole(o =>
        {
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            o.UseUtcTimestamp = true;
        });
        builder.Services.AddSingleton<IKubernetes>(_ => KubernetesClients.Create(configuration));
        builder.Services.AddSingleton(sp => new ControllerHost(sp.GetRequiredService<IKubernetes>(), options, TimeProvider.System, sp.GetRequiredService<ILoggerFactory>(), logLevel));
        builder.Services.AddHostedService<ControllerService>();
        var app = builder.Build();
        var host = app.Services.GetRequiredService<ControllerHost>();
        app.Run(context => ControllerEndpoints.HandleAsync(context, host));
        await app.RunAsync().ConfigureAwait(false);
        return 0;
    }
}
