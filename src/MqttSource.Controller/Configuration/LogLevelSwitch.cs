using Microsoft.Extensions.Logging;

namespace MqttSource.Controller.Configuration;

/// <summary>The controller's own minimum log level, changed at run time from <c>config-logging</c> (<c>loglevel.mqtt-source-controller</c>).</summary>
internal sealed class LogLevelSwitch
{
    private volatile int _level = (int)LogLevel.Information;

    /// <summary>The minimum level now.</summary>
    public LogLevel Level
    {
        get => (LogLevel)_level;
        set => _level = (int)value;
    }

    /// <summary>A logging filter: our categories at <see cref="Level"/>, the framework's at warning.</summary>
    public bool Filter(string? category, LogLevel level) =>
        category?.StartsWith("MqttSource", StringComparison.Ordinal) == true ? level >= Level : level >= LogLevel.Warning;
}
