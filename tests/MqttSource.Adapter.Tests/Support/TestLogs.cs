using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace MqttSource.Adapter.Tests.Support;

/// <summary>Keeps the adapter's log lines (level, event id, text) for assertions and failure messages.</summary>
internal sealed class TestLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, EventId Id, string Text)> _lines = new();

    public IReadOnlyList<(LogLevel Level, EventId Id, string Text)> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public bool Contains(int eventId) => _lines.Any(l => l.Id.Id == eventId);

    public override string ToString() => string.Join('\n', _lines.Select(l => $"{l.Level} [{l.Id.Id}] {l.Text}"));

    public void Dispose()
    {
    }

    private sealed class Logger(TestLogs owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (owner._lines.Count < 5000)
            {
                owner._lines.Enqueue((logLevel, eventId, formatter(state, exception) + (exception is null ? string.Empty : " " + exception)));
            }
        }
    }
}
