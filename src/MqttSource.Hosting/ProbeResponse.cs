namespace MqttSource.Hosting;

/// <summary>What the probe listener answers: a status, a text body and its media type.</summary>
public readonly record struct ProbeResponse(int Status, string Body, string ContentType = ProbeResponse.Text)
{
    public const string Text = "text/plain; charset=utf-8";

    /// <summary>The Prometheus text exposition format.</summary>
    public const string PrometheusText = "text/plain; version=0.0.4; charset=utf-8";
}
