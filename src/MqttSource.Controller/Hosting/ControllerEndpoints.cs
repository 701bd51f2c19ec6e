using MqttSource.Controller.Runtime;
using MqttSource.Hosting;

namespace MqttSource.Controller.Hosting;

/// <summary><c>/health</c> (live), <c>/readiness</c> (standing by, or leading with synced caches), <c>/metrics</c> (Prometheus text).</summary>
internal static class ControllerEndpoints
{
    public static ProbeResponse Handle(string path, ControllerHost host) => path switch
    {
        "/health" or "/healthz" => new ProbeResponse(200, "ok\n"),
        "/readiness" or "/readyz" => host.IsReady ? new ProbeResponse(200, "ready\n") : new ProbeResponse(503, "not ready: caches not synced yet\n"),
        "/metrics" => new ProbeResponse(200, host.Metrics.WritePrometheus(), ProbeResponse.PrometheusText),
        _ => new ProbeResponse(404, "not found: /health, /readiness and /metrics are served here\n"),
    };
}
