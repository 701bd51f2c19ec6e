namespace MqttSource.Testing.Mosquitto;

/// <summary>A message a <see cref="MosquittoSubscriber"/> received.</summary>
/// <param name="Topic">The topic it was published on.</param>
/// <param name="Payload">The payload as text.</param>
/// <param name="Retained">True when it came from the broker's retained store.</param>
public sealed record MosquittoReceivedMessage(string Topic, string Payload, bool Retained);
