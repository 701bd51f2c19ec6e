using Xunit;

namespace MqttSource.EventDisplay.Tests.Support;

/// <summary>One running event-display for all the tests of a class (tests that only post and read the answer).</summary>
public sealed class SharedDisplay : IAsyncLifetime
{
    private RunningDisplay? display;

    internal RunningDisplay Display => display ?? throw new InvalidOperationException("The display has not started.");

    public async Task InitializeAsync() => display = await RunningDisplay.StartAsync();

    public async Task DisposeAsync()
    {
        if (display is not null)
        {
            await display.DisposeAsync();
        }
    }
}
