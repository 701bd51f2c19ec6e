using Microsoft.AspNetCore.Http;
using MqttSource.Controller.Runtime;

namespace MqttSource.Controller.Hosting;

/// <summary><c>/health</c> (live), <c>/readiness</c> (standing by, or leading with synced caches), <c>/metrics</c> (Prometheus text).</summary>
internal static class ControllerEndpoints
{
    public static Task HandleAsync(HttpContext context, ControllerHost host)
    {
        var response = context.Response;
        switch (context.Request.Path.Value)
        {
            case "/health" or "/healthz":
                return response.WriteAsync("ok\n");
            case "/readiness" or "/readyz":
                var ready = host.IsReady;
                response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                return response.WriteAsync(ready ? "ready\n" : "not ready: caches not synced yet\n");
            case "/metrics":
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                return response.WriteAsync(host.Metrics.WritePrometheus());
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }
}
