namespace MqttSource.Controller.Sinks;

/// <summary>A destination resolved to an address: what the adapter gets in <c>K_SINK</c>, <c>K_CA_CERTS</c>, <c>K_AUDIENCE</c>.</summary>
/// <param name="Uri">The absolute URL to POST events to.</param>
/// <param name="CACerts">PEM certificates to trust for <paramref name="Uri"/>, if any.</param>
/// <param name="Audience">OIDC audience of the sink, if any.</param>
internal sealed record ResolvedSink(Uri Uri, string? CACerts, string? Audience);
