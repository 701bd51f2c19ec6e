namespace MqttSource.Testing.Mosquitto;

/// <summary>Why one attempt to start mosquitto failed; <see cref="AddressInUse"/> failures are retried.</summary>
internal sealed record MosquittoStartFailure(bool AddressInUse, Exception Exception);
