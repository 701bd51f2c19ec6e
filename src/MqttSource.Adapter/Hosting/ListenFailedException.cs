namespace MqttSource.Adapter.Hosting;

/// <summary>The probe listener could not bind its address and port (in use, not an address of this machine, not allowed).</summary>
internal sealed class ListenFailedException(string message, Exception inner) : IOException(message, inner);
