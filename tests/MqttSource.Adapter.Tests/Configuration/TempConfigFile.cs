namespace MqttSource.Adapter.Tests.Configuration;

/// <summary>An MqttSource YAML written to a temporary file for one test; deleted on dispose.</summary>
internal sealed class TempConfigFile : IDisposable
{
    public TempConfigFile(string yaml)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"mqttsource-config-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(Path, yaml);
    }

    public string Path { get; }

    public void Dispose() => File.Delete(Path);
}
