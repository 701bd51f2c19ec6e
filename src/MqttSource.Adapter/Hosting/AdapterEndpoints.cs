using MqttSource.Adapter.Metrics;
using MqttSource.Hosting;

namespace MqttSource.Adapter.Hosting;

/// <summary><c>/health</c> (live), <c>/readiness</c> (connected and subscribed), <c>/metrics</c> (Prometheus text).</summary>
internal static class AdapterEndpoints
{
    public static ProbeResponse Handle(string path, AdapterService service, AdapterMetrics metrics)
    {
        switch (path)
        {
            case "/health" or "/healthz" or "/livez":
                return new ProbeResponse(200, "ok\n");
            case "/readiness" or "/readyz":
                var (ready, reason) = service.Readiness();
                return new ProbeResponse(ready ? 200 : 503, reason + "\n");
            case "/metrics":
                return new ProbeResponse(200, metrics.WritePrometheus(), ProbeResponse.PrometheusText);
            default:
                return new ProbeResponse(404, "not found: /health, /readiness and /metrics are served here\n");
        }
    }
}
