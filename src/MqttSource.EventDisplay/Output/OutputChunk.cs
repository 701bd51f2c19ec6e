namespace MqttSource.EventDisplay.Output;

/// <summary>Text waiting for stdout, in a pooled buffer the writer returns once written.</summary>
internal readonly record struct OutputChunk(char[] Buffer, int Length);
