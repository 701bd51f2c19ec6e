using System.Diagnostics;
using System.Net.Http;

namespace MqttSource.Testing.Processes;

/// <summary>
/// The receive adapter as a real process (<c>dotnet mqtt-source-adapter.dll args</c>) with its own environment: stdout
/// and stderr captured, ready when <c>GET /readiness</c> on its <c>--http-port</c> answers 200, stopped with SIGTERM
/// (<see cref="Terminate"/>) or SIGKILL (<see cref="Kill"/>). Dispose kills it if it still runs.
/// </summary>
public sealed class AdapterProcess : IAsyncDisposable
{
    private const int MaxCapturedLines = 2000;
    private static readonly HttpClient s_probe = new() { Timeout = TimeSpan.FromSeconds(2) };

    private readonly Process _process;
    private readonly BoundedLineBuffer _stdout = new(MaxCapturedLines);
    private readonly BoundedLineBuffer _stderr = new(MaxCapturedLines);

    private AdapterProcess(ProcessStartInfo startInfo, int? httpPort)
    {
        HttpPort = httpPort;
        _process = ChildProcess.Start(startInfo, _stdout.Add, _stderr.Add);
    }

    /// <summary>The probe port given with <c>--http-port</c>, or null.</summary>
    public int? HttpPort { get; }

    /// <summary>The process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process exited.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>What it wrote to stdout so far (the last lines).</summary>
    public string StandardOutput => _stdout.ToString();

    /// <summary>What it wrote to stderr so far (the last lines).</summary>
    public string StandardError => _stderr.ToString();

    /// <summary>
    /// The built adapter next to this test run: <c>src/MqttSource.Adapter/bin/&lt;Configuration&gt;/net10.0/mqtt-source-adapter.dll</c>,
    /// the configuration taken from the test assembly's own output folder.
    /// </summary>
    public static string FindAdapterDll()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory);
        var framework = baseDirectory.Name.Length > 0 ? baseDirectory : baseDirectory.Parent!;
        var configuration = framework.Parent?.Name ?? "Debug";
        for (var folder = framework; folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "MqttSource.sln")))
            {
                var dll = Path.Combine(folder.FullName, "src", "MqttSource.Adapter", "bin", configuration, framework.Name, "mqtt-source-adapter.dll");
                return File.Exists(dll) ? dll : throw new FileNotFoundException($"The adapter is not built for {configuration}: {dll}", dll);
            }
        }

        throw new DirectoryNotFoundException($"No MqttSource.sln above {AppContext.BaseDirectory}.");
    }

    /// <summary>Starts the adapter with <paramref name="arguments"/> and <paramref name="environment"/> (added to this process's environment, a null value removes a variable).</summary>
    public static AdapterProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string?>? environment = null)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var args = arguments.ToList();
        var startInfo = ChildProcess.CreateStartInfo("dotnet", [FindAdapterDll(), .. args], redirectInput: false);
        // Nothing from the test runner's environment may configure the adapter by accident.
        foreach (var name in startInfo.Environment.Keys.Where(k => k.StartsWith("K_", StringComparison.Ordinal) || k.StartsWith("MQTT_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        ProcessEnvironment.Apply(startInfo, environment);

        var portIndex = args.IndexOf("--http-port");
        int? port = portIndex >= 0 && portIndex + 1 < args.Count && int.TryParse(args[portIndex + 1], System.Globalization.CultureInfo.InvariantCulture, out var p) ? p : null;
        return new AdapterProcess(startInfo, port);
    }

    /// <summary>Waits until <c>GET /readiness</c> answers 200; throws with the output if the process exits or time runs out.</summary>
    public Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var port = HttpPort ?? throw new InvalidOperationException("Start the adapter with --http-port to probe it.");
        return WaitAsync(
            async () =>
            {
                try
                {
                    using var response = await s_probe.GetAsync(new Uri($"http://127.0.0.1:{port}/readiness"), cancellationToken).ConfigureAwait(false);
                    return response.IsSuccessStatusCode;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return false;
                }
            },
            timeout,
            "the adapter is ready",
            cancellationToken);
    }

    /// <summary>Waits for the exit and returns the exit code; kills it and throws when it does not exit in time.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            ChildProcess.KillQuietly(_process);
            throw new TimeoutException($"The adapter did not exit within {timeout}.\n{Diagnostics()}");
        }

        _process.WaitForExit(); // drains the output readers
        return _process.ExitCode;
    }

    /// <summary>SIGTERM: a graceful stop (drain, disconnect keeping the session).</summary>
    public void Terminate() => PosixSignals.Terminate(_process.Id);

    /// <summary>SIGKILL (kill -9): no drain, no goodbye.</summary>
    public void Kill()
    {
        ChildProcess.KillQuietly(_process);
        _process.WaitForExit();
    }

    /// <summary>Output of both streams, for failure messages.</summary>
    public string Diagnostics() => $"--- adapter stdout ---\n{StandardOutput}--- adapter stderr ---\n{StandardError}";

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        ChildProcess.KillQuietly(_process);
        _process.WaitForExit();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, string because, CancellationToken cancellationToken)
    {
        try
        {
            await Eventually.WaitUntilAsync(
                async () => _process.HasExited ? throw new ProcessExitedException("mqtt-source-adapter", _process.ExitCode) : await condition().ConfigureAwait(false),
                timeout,
                because,
                cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or ProcessExitedException)
        {
            throw new InvalidOperationException($"{e.Message}\n{Diagnostics()}", e);
        }
    }
}
