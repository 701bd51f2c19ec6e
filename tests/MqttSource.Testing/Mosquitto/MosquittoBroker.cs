using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using MqttSource.Testing.Processes;
using MqttSource.Testing.Tls;

namespace MqttSource.Testing.Mosquitto;

/// <summary>
/// A real Mosquitto broker for one test: its own temporary folder, generated mosquitto.conf and free loopback
/// ports (never 1883). Start with <see cref="StartAsync"/>, dispose to kill it and delete the folder.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private const int MaxCapturedLines = 500;
    private const int MaxPortAttempts = 5;
    private static readonly TimeSpan s_stopTimeout = TimeSpan.FromSeconds(10);

    private readonly MosquittoOptions _options;
    private readonly MosquittoPaths _paths;
    private readonly BoundedLineBuffer _output = new(MaxCapturedLines);
    private Process? _process;
    private int _tlsPort;
    private bool _disposed;

    private MosquittoBroker(MosquittoOptions options, MosquittoPaths paths)
    {
        _options = options;
        _paths = paths;
    }

    /// <summary>The loopback address every listener binds.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The plain MQTT listener's port.</summary>
    public int Port { get; private set; }

    /// <summary>The TLS listener's port; throws unless <see cref="MosquittoOptions.Tls"/> was set.</summary>
    public int TlsPort => _options.TlsEnabled ? _tlsPort : throw TlsNotEnabled();

    /// <summary><c>mqtt://127.0.0.1:port</c>.</summary>
    public Uri Url => new($"mqtt://{Host}:{Port}");

    /// <summary><c>mqtts://localhost:tlsport</c> (the server certificate names localhost and 127.0.0.1).</summary>
    public Uri TlsUrl => new($"mqtts://localhost:{TlsPort}");

    /// <summary>The broker's temporary folder (config, log, password file, TLS files, data).</summary>
    public string Directory => _paths.Root;

    /// <summary>Where the persistence database (mosquitto.db) lives when <see cref="MosquittoOptions.Persistence"/> is set.</summary>
    public string DataDirectory => _paths.DataDirectory;

    /// <summary>The generated mosquitto.conf.</summary>
    public string ConfigPath => _paths.ConfigPath;

    /// <summary>The broker's log file (<c>log_type all</c>).</summary>
    public string LogPath => _paths.LogPath;

    /// <summary>The TLS files this broker uses; throws unless TLS is on.</summary>
    public TestCertificateFiles CertificateFiles => _options.TlsEnabled ? _paths.Certificates : throw TlsNotEnabled();

    /// <summary>The CA that signed the server certificate (PEM file).</summary>
    public string CaCertificatePath => CertificateFiles.CaCertificatePath;

    /// <summary>The CA that signed the server certificate.</summary>
    public X509Certificate2 CaCertificate => Certificates.Ca;

    /// <summary>A client certificate with its private key, signed by <see cref="CaCertificate"/>, for mTLS.</summary>
    public X509Certificate2 ClientCertificate => Certificates.Client;

    /// <summary>Another CA, which did not sign the server certificate: validating with it must fail.</summary>
    public X509Certificate2 UntrustedCaCertificate => Certificates.UntrustedCa;

    /// <summary>True while the mosquitto process runs.</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>The mosquitto process id, or null when it is not running.</summary>
    public int? ProcessId => IsRunning ? _process!.Id : null;

    /// <summary>The log file's contents so far (kept across restarts); print it when a test fails.</summary>
    public string Log
    {
        get
        {
            if (!File.Exists(_paths.LogPath))
            {
                return string.Empty;
            }

            using var stream = new FileStream(_paths.LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }

    /// <summary>What the mosquitto process wrote to stdout/stderr (the last lines).</summary>
    public string ProcessOutput => _output.ToString();

    private TestCertificates Certificates => _options.TlsEnabled ? TestCertificates.Shared : throw TlsNotEnabled();

    /// <summary>Options for mosquitto_pub / mosquitto_sub on the plain listener.</summary>
    public MosquittoClientOptions ClientOptions() => new() { Host = Host, Port = Port };

    /// <summary>Options for the TLS listener: host <c>localhost</c>, <c>--cafile</c> the test CA and, when asked,
    /// the client certificate and key signed by it.</summary>
    public MosquittoClientOptions TlsClientOptions(bool withClientCertificate = false) => new()
    {
        Host = "localhost",
        Port = TlsPort,
        CaFile = CertificateFiles.CaCertificatePath,
        CertFile = withClientCertificate ? CertificateFiles.ClientCertificatePath : null,
        KeyFile = withClientCertificate ? CertificateFiles.ClientKeyPath : null,
    };

    /// <summary>Starts a broker and returns once its listeners accept TCP connections.</summary>
    public static async Task<MosquittoBroker> StartAsync(MosquittoOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new MosquittoOptions();
        var root = System.IO.Directory.CreateTempSubdirectory("mqttsource-mosquitto-").FullName;
        var broker = new MosquittoBroker(options, new MosquittoPaths(root));
        try
        {
            await broker.PrepareFilesAsync(cancellationToken).ConfigureAwait(false);
            await broker.StartOnFreePortsAsync(cancellationToken).ConfigureAwait(false);
            return broker;
        }
        catch
        {
            await broker.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Stops cleanly with SIGTERM and waits for the exit; mosquitto saves its persistence database first.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_process is not { } process)
        {
            return;
        }

        if (!process.HasExited)
        {
            PosixSignals.Terminate(process.Id);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(s_stopTimeout);
            try
            {
                await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                ChildProcess.KillQuietly(process);
                throw new TimeoutException($"mosquitto did not exit within {s_stopTimeout} of SIGTERM; killed it.\n{Diagnostics()}");
            }
        }

        ReleaseProcess();
    }

    /// <summary>Stops cleanly, then starts again on the same ports with the same folder and data.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync(cancellationToken).ConfigureAwait(false);
        await StartAgainAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Kills the process (SIGKILL): nothing is saved since the last autosave.</summary>
    public void Kill()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_process is not { } process)
        {
            return;
        }

        ChildProcess.KillQuietly(process);
        process.WaitForExit();
        ReleaseProcess();
    }

    /// <summary>Starts again after <see cref="Kill"/> or <see cref="StopAsync"/>, on the same ports and folder.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (IsRunning)
        {
            throw new InvalidOperationException("The broker is running; stop or kill it first.");
        }

        ReleaseProcess();
        // The ports were ours a moment ago; a bind can still fail briefly, so retry until the start timeout.
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var failure = await TryStartProcessAsync(cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return;
            }

            if (!failure.AddressInUse || Stopwatch.GetElapsedTime(started) > _options.StartTimeout)
            {
                throw failure.Exception;
            }

            await Task.Delay(Eventually.PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Kills the broker if it runs and deletes its folder.</summary>
    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        if (_process is { } process)
        {
            ChildProcess.KillQuietly(process);
            process.WaitForExit();
            ReleaseProcess();
        }

        _disposed = true;
        try
        {
            System.IO.Directory.Delete(_paths.Root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public override string ToString() => $"mosquitto {Url} (folder {Directory})";

    private static InvalidOperationException TlsNotEnabled() =>
        new("This broker has no TLS listener: start it with MosquittoOptions.Tls = true.");

    private async Task PrepareFilesAsync(CancellationToken cancellationToken)
    {
        System.IO.Directory.CreateDirectory(_paths.DataDirectory);
        if (_options.TlsEnabled)
        {
            TestCertificates.Shared.WriteTo(_paths.Certificates.Directory);
        }

        var first = true;
        foreach (var (user, password) in _options.Users)
        {
            // mosquitto_passwd -b [-c] file user password: -c creates the file, so only for the first user.
            string[] arguments = first
                ? ["-b", "-c", _paths.PasswordPath, user, password]
                : ["-b", _paths.PasswordPath, user, password];
            first = false;
            var result = await ChildProcess.RunAsync("mosquitto_passwd", arguments, null, s_stopTimeout, cancellationToken)
                .ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"mosquitto_passwd failed for user '{user}'.\n{result}");
            }
        }
    }

    private async Task StartOnFreePortsAsync(CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = TestPorts.GetFreeTcpPort();
            _tlsPort = _options.TlsEnabled ? TestPorts.GetFreeTcpPort() : 0;
            var failure = await TryStartProcessAsync(cancellationToken).ConfigureAwait(false);
            if (failure is null)
            {
                return;
            }

            // Another process took a port between our probe and mosquitto's bind: pick new ones.
            if (!failure.AddressInUse || attempt == MaxPortAttempts)
            {
                throw failure.Exception;
            }
        }
    }

    private async Task<MosquittoStartFailure?> TryStartProcessAsync(CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(_paths.ConfigPath, MosquittoConfig.Build(_options, _paths, Port, _tlsPort), cancellationToken)
            .ConfigureAwait(false);
        var logLengthBefore = Log.Length;
        var startInfo = ChildProcess.CreateStartInfo("mosquitto", ["-c", _paths.ConfigPath], redirectInput: false);
        var process = ChildProcess.Start(startInfo, _output.Add, _output.Add);
        _process = process;
        try
        {
            await Eventually.WaitUntilAsync(
                async () =>
                {
                    if (process.HasExited)
                    {
                        throw new ProcessExitedException("mosquitto", process.ExitCode);
                    }

                    return await TestPorts.AcceptsConnectionAsync(Port, cancellationToken).ConfigureAwait(false)
                        && (!_options.TlsEnabled || await TestPorts.AcceptsConnectionAsync(_tlsPort, cancellationToken).ConfigureAwait(false));
                },
                _options.StartTimeout,
                $"mosquitto accepts connections on {Host}:{Port}",
                cancellationToken: cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (Exception e) when (e is ProcessExitedException or TimeoutException)
        {
            ChildProcess.KillQuietly(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ReleaseProcess();
            var log = Log;
            var newLog = log.Length >= logLengthBefore ? log[logLengthBefore..] : log;
            var addressInUse = newLog.Contains("Address already in use", StringComparison.Ordinal);
            return new MosquittoStartFailure(addressInUse, new InvalidOperationException(
                $"mosquitto did not start ({e.Message}).\n{Diagnostics()}", e));
        }
        catch
        {
            ChildProcess.KillQuietly(process);
            ReleaseProcess();
            throw;
        }
    }

    private string Diagnostics() =>
        $"--- {ConfigPath} ---\n{File.ReadAllText(ConfigPath)}--- process output ---\n{ProcessOutput}--- {LogPath} ---\n{Log}";

    private void ReleaseProcess()
    {
        _process?.Dispose();
        _process = null;
    }

}
