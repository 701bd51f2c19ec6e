using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using MqttSource.Testing;

namespace MqttSource.EventDisplay.Tests.Browser;

/// <summary>
/// A headless Chromium (Debian package <c>chromium</c>, installed by scripts/test.sh) with its own
/// throw-away profile, opened on one URL and reachable over the DevTools protocol.
/// </summary>
internal sealed class HeadlessChromium : IAsyncDisposable
{
    private static readonly string[] Names = ["chromium", "chromium-browser", "google-chrome"];

    private readonly Process process;
    private readonly string profile;

    private HeadlessChromium(Process process, string profile, int devToolsPort)
    {
        this.process = process;
        this.profile = profile;
        DevToolsPort = devToolsPort;
    }

    public int DevToolsPort { get; }

    /// <summary>The Chromium executable, or null when none is installed.</summary>
    public static string? FindExecutable()
    {
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        return folders.Concat(["/usr/bin"]).SelectMany(folder => Names.Select(name => Path.Combine(folder, name))).FirstOrDefault(File.Exists);
    }

    /// <summary>Starts Chromium on <paramref name="url"/> and waits until its DevTools endpoint is up.</summary>
    public static async Task<HeadlessChromium> StartAsync(string executable, Uri url, CancellationToken cancellationToken)
    {
        var profile = Directory.CreateTempSubdirectory("event-display-chromium-").FullName;
        var startInfo = new ProcessStartInfo(executable)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", $"--user-data-dir={profile}", "--remote-debugging-port=0",
            "--window-size=1280,900", url.AbsoluteUri,
        })
        {
            startInfo.ArgumentList.Add(argument);
        }

        var process = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {executable}.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            // Chromium writes the port it picked into DevToolsActivePort in the profile.
            var portFile = Path.Combine(profile, "DevToolsActivePort");
            var port = 0;
            await Eventually.WaitUntilAsync(
                () =>
                {
                    if (process.HasExited)
                    {
                        throw new InvalidOperationException($"Chromium exited with code {process.ExitCode} before its DevTools endpoint was up.");
                    }

                    return TryReadPort(portFile, out port);
                },
                TimeSpan.FromSeconds(15),
                "Chromium's DevTools endpoint is up",
                cancellationToken: cancellationToken);
            return new HeadlessChromium(process, profile, port);
        }
        catch
        {
            Stop(process, profile);
            throw;
        }
    }

    /// <summary>The DevTools WebSocket URL of the first page whose URL starts with <paramref name="urlPrefix"/>.</summary>
    public async Task<Uri> FindPageAsync(string urlPrefix, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{DevToolsPort}/") };
        Uri? found = null;
        await Eventually.WaitUntilAsync(
            async () =>
            {
                using var targets = await http.GetFromJsonAsync<JsonDocument>("json/list", cancellationToken);
                foreach (var target in targets!.RootElement.EnumerateArray())
                {
                    if (target.GetProperty("type").GetString() == "page"
                        && target.GetProperty("url").GetString()!.StartsWith(urlPrefix, StringComparison.Ordinal)
                        && target.TryGetProperty("webSocketDebuggerUrl", out var socket))
                    {
                        found = new Uri(socket.GetString()!);
                        return true;
                    }
                }

                return false;
            },
            TimeSpan.FromSeconds(10),
            $"Chromium lists a page at {urlPrefix}",
            cancellationToken: cancellationToken);
        return found!;
    }

    public ValueTask DisposeAsync()
    {
        Stop(process, profile);
        return ValueTask.CompletedTask;
    }

    private static bool TryReadPort(string portFile, out int port)
    {
        port = 0;
        try
        {
            var lines = File.ReadAllLines(portFile);
            return lines.Length >= 2 && int.TryParse(lines[0], out port) && port > 0;
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static void Stop(Process process, string profile)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
        }
        finally
        {
            process.Dispose();
        }

        try
        {
            Directory.Delete(profile, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
