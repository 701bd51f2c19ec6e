using System.Text.RegularExpressions;

namespace MqttSource.Publish.Tests;

/// <summary>
/// The scripts a new user runs first: scripts/demo.sh end to end and with a component that fails (its log is printed and
/// kept), and every script that needs dotnet saying what to install when it is missing. The demo runs in a private
/// network namespace, so its fixed ports are free.
/// </summary>
public sealed partial class ScriptsTests
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromMinutes(5);

    [Fact]
    public async Task Demo_ShortRun_EventsPrintedByEventDisplayAndCountedByTheAdapter()
    {
        var result = await DemoAsync(new Dictionary<string, string?>(), "--duration", "3");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("☁️  cloudevents.Event", result.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("subject: sensors/dev1/temperature", result.StandardOutput, StringComparison.Ordinal);
        Assert.Matches(@"mqttsource_events_delivered_total [1-9]", result.StandardOutput);
        Assert.DoesNotContain("the logs are kept", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_AdapterFailsToStart_PrintsTheEndOfItsLogAndKeepsTheFolder()
    {
        // The adapter's probes on event-display's port: the adapter refuses a sink that is its own listener (exit 2).
        var result = await DemoAsync(new Dictionary<string, string?> { ["DISPLAY_PORT"] = "18090", ["ADAPTER_PORT"] = "18090" }, "--duration", "3");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("the adapter exited (code 2) before it became ready", result.Output, StringComparison.Ordinal);
        Assert.Contains("is this adapter's own listener for /health, /readiness and /metrics", result.Output, StringComparison.Ordinal);
        var kept = KeptFolderPattern().Match(result.Output);
        Assert.True(kept.Success, result.ToString());
        var folder = kept.Groups[1].Value;
        try
        {
            Assert.Contains($"---- last lines of {folder}/adapter.log", result.Output, StringComparison.Ordinal);
            Assert.Contains("invalid configuration", await File.ReadAllTextAsync(Path.Combine(folder, "adapter.log")), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("scripts/demo.sh")]
    [InlineData("scripts/test.sh")]
    [InlineData("scripts/publish.sh")]
    [InlineData("scripts/check-image.sh")]
    public async Task Script_NoDotnet_SaysToInstallTheDotnet10Sdk(string script)
    {
        // A PATH with only what the scripts use before they look for dotnet, and a HOME without ~/.dotnet.
        var bin = Directory.CreateTempSubdirectory("mqttsource-nodotnet-");
        try
        {
            foreach (var tool in new[] { "dirname", "basename" })
            {
                File.CreateSymbolicLink(Path.Combine(bin.FullName, tool), Path.Combine("/usr/bin", tool));
            }

            var result = await Shell.RunAsync("/bin/bash", [script], TimeSpan.FromMinutes(1), new Dictionary<string, string?>
            {
                ["PATH"] = bin.FullName,
                ["HOME"] = bin.FullName,
                ["DOTNET_ROOT"] = null,
            });

            Assert.True(result.ExitCode == 1, result.ToString());
            Assert.Contains($"{Path.GetFileName(script)}: 'dotnet' was not found — install the .NET 10 SDK: https://learn.microsoft.com/dotnet/core/install/linux", result.StandardError, StringComparison.Ordinal);
            Assert.DoesNotContain("command not found", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            bin.Delete(recursive: true);
        }
    }

    /// <summary>scripts/demo.sh --no-build (the solution is built) in its own network namespace.</summary>
    private static Task<ShellResult> DemoAsync(Dictionary<string, string?> environment, params string[] arguments) =>
        Shell.RunAsync("unshare", ["-rn", "bash", "-c", "PATH=$PATH:/usr/sbin:/sbin; ip link set lo up && exec bash scripts/demo.sh --no-build \"$@\"", "demo", .. arguments], s_timeout, environment);

    [GeneratedRegex(@"the logs are kept in (\S+) ")]
    private static partial Regex KeptFolderPattern();
}
