using Microsoft.AspNetCore.Http;
using MqttSource.Adapter.Metrics;

namespace MqttSource.Adapter.Hosting;

/// <summary><c>/health</c> (live), <c>/readiness</c> (connected and subscribed), <c>/metrics</c> (Prometheus text).</summary>
internal static class AdapterEndpoints
{
    public static Task HandleAsync(HttpContext context, AdapterService service, AdapterMetrics metrics)
    {
        var response = context.Response;
        switch (context.Request.Path.Value)
        {
            case "/health" or "/healthz" or "/livez":
                response.StatusCode = StatusCodes.Status200OK;
                return response.WriteAsync("ok\n");
            case "/readiness" or "/readyz":
                var (ready, reason) = service.Readiness();
                response.StatusCode = ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
                return response.WriteAsync(reason + "\n");
            case "/metrics":
                response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
                return response.WriteAsync(metrics.WritePrometheus());
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
        }
    }
}
