namespace MqttSource.Publish.Tests;

/// <summary>
/// The trimmed, self-contained apps, published once per test run by scripts/publish.sh (what the images and the gateway
/// install use) into artifacts/publish-test; every test that needs them shares that one publish. scripts/test.sh publishes
/// them before it starts this project and says where in <c>MQTTSOURCE_PUBLISHED_APPS</c>; run alone, the tests publish.
/// </summary>
internal static class PublishedApps
{
    private static readonly Lazy<Task<string>> s_published = new(PublishAsync);

    /// <summary>The folder holding <c>adapter/</c> and <c>event-display/</c>; fails the test when publishing failed.</summary>
    public static Task<string> GetAsync() => s_published.Value;

    public static string Adapter(string folder) => Path.Combine(folder, "adapter", "mqtt-source-adapter");

    public static string EventDisplay(string folder) => Path.Combine(folder, "event-display", "event-display");

    private static async Task<string> PublishAsync()
    {
        if (Environment.GetEnvironmentVariable("MQTTSOURCE_PUBLISHED_APPS") is { Length: > 0 } published)
        {
            return File.Exists(Adapter(published)) && File.Exists(EventDisplay(published))
                ? published
                : throw new InvalidOperationException($"scripts/test.sh did not publish the apps to {published} (see artifacts/test-results/publish.log)");
        }

        var output = Path.Combine(Shell.Root, "artifacts", "publish-test");
        var publish = await Shell.RunAsync("bash", ["scripts/publish.sh", output, "adapter", "event-display"], TimeSpan.FromMinutes(10));
        if (publish.ExitCode != 0 || !File.Exists(Adapter(output)) || !File.Exists(EventDisplay(output)))
        {
            throw new InvalidOperationException("scripts/publish.sh failed:\n" + publish);
        }

        return output;
    }
}
