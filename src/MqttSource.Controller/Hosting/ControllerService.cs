using Microsoft.Extensions.Hosting;
using MqttSource.Controller.Runtime;

namespace MqttSource.Controller.Hosting;

/// <summary>Runs the <see cref="ControllerHost"/> inside the ASP.NET host; a crash stops the process (the pod restarts).</summary>
internal sealed class ControllerService(ControllerHost host, IHostApplicationLifetime lifetime) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await host.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            lifetime.StopApplication();
        }
    }
}
