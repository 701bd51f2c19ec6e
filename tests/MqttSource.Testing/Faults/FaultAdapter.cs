using System.Globalization;
using MqttSource.Testing.Processes;

namespace MqttSource.Testing.Faults;

/// <summary>
/// The adapter process of one fault case across restarts: always the same arguments, client id and probe port (so the
/// persistent session and the URL stay), the logs of every process it ran, the peak RSS over all of them, and the
/// adapter's own view through <c>/metrics</c> and <c>/readiness</c>.
/// </summary>
public sealed class FaultAdapter : IAsyncDisposable
{
    private static readonly HttpClient s_http = new() { Timeout = TimeSpan.FromSeconds(5) };

    private readonly IReadOnlyList<string> _arguments;
    private readonly List<string> _earlierLogs = [];
    private long _peakRssBytes;
    private AdapterProcess? _process;

    /// <summary>Prepares (does not start) an adapter with <paramref name="arguments"/>; <paramref name="httpPort"/> must be among them as --http-port.</summary>
    public FaultAdapter(IReadOnlyList<string> arguments, int httpPort)
    {
        _arguments = arguments;
        HttpPort = httpPort;
    }

    /// <summary>The probe port, the same for every process.</summary>
    public int HttpPort { get; }

    /// <summary>How many processes were started.</summary>
    public int Starts { get; private set; }

    /// <summary>The running process; throws before the first start.</summary>
    public AdapterProcess Process => _process ?? throw new InvalidOperationException("The adapter was not started.");

    /// <summary>The highest VmHWM of every process so far, in bytes (0 when none could be read).</summary>
    public long PeakRssBytes
    {
        get
        {
            SamplePeakRss();
            return Interlocked.Read(ref _peakRssBytes);
        }
    }

    /// <summary>Starts a new process and waits until it is ready.</summary>
    public async Task StartAsync(TimeSpan readyTimeout, CancellationToken cancellationToken = default)
    {
        if (_process is { HasExited: false })
        {
            throw new InvalidOperationException("The adapter is running; kill or stop it first.");
        }

        Retire();
        _process = AdapterProcess.Start(_arguments);
        Starts++;
        await _process.WaitUntilReadyAsync(readyTimeout, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>kill -9 of the running process (its peak RSS and log are kept).</summary>
    public void Kill()
    {
        SamplePeakRss();
        Process.Kill();
    }

    /// <summary>SIGTERM and the exit code (it is killed and a <see cref="TimeoutException"/> thrown when it does not exit in time).</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        SamplePeakRss();
        Process.Terminate();
        return await Process.WaitForExitAsync(timeout).ConfigureAwait(false);
    }

    /// <summary>A scrape of <c>/metrics</c>, or null when the adapter does not answer.</summary>
    public async Task<AdapterMetricsSnapshot?> MetricsAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            var text = await s_http.GetStringAsync(Probe("metrics"), cancellationToken).ConfigureAwait(false);
            return AdapterMetricsSnapshot.Parse(text);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>True when <c>/readiness</c> answers 200 now.</summary>
    public async Task<bool> IsReadyAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await s_http.GetAsync(Probe("readiness"), cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>stdout and stderr of every process so far, oldest first.</summary>
    public string Log => string.Concat(_earlierLogs) + (_process is { } p ? Describe(p, Starts) : string.Empty);

    /// <summary>The warning and error lines of every process (JSON logs), the last <paramref name="max"/> of them.</summary>
    public IReadOnlyList<string> WarningsAndErrors(int max) =>
        [.. Log.Split('\n')
            .Where(l => l.Contains("\"LogLevel\":\"Warning\"", StringComparison.Ordinal)
                || l.Contains("\"LogLevel\":\"Error\"", StringComparison.Ordinal)
                || l.Contains("\"LogLevel\":\"Critical\"", StringComparison.Ordinal)
                || l.Contains("Unhandled exception", StringComparison.Ordinal))
            .TakeLast(max)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is { } process)
        {
            SamplePeakRss();
            await process.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static string Describe(AdapterProcess process, int number) =>
        string.Create(CultureInfo.InvariantCulture, $"=== adapter process {number} (pid {process.ProcessId}) ===\n{process.Diagnostics()}");

    private Uri Probe(string path) => new(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{HttpPort}/{path}"));

    private void Retire()
    {
        if (_process is { } old)
        {
            _earlierLogs.Add(Describe(old, Starts));
            old.DisposeAsync().AsTask().GetAwaiter().GetResult();
            _process = null;
        }
    }

    private void SamplePeakRss()
    {
        if (_process is { HasExited: false } p && ProcessMemory.PeakResidentBytes(p.ProcessId) is { } peak)
        {
            long seen;
            while (peak > (seen = Interlocked.Read(ref _peakRssBytes)) && Interlocked.CompareExchange(ref _peakRssBytes, peak, seen) != seen)
            {
            }
        }
    }
}
