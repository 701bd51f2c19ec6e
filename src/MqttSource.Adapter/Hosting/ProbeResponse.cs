namespace MqttSource.Adapter.Hosting;

/// <summary>What the probe listener answers: a status, a text body and its media type.</summary>
internal readonly record struct ProbeResponse(int Status, string Body, string ContentType = ProbeResponse.Text)
{
    public const string Text = "text/plain; charset=utf-8";
}
