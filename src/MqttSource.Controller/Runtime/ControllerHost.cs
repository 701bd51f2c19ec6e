using k8s;
using Microsoft.Extensions.Logging;
using MqttSource.Controller.Configuration;
using MqttSource.Controller.Logging;
using MqttSource.Controller.Machinery;
using MqttSource.Controller.Metrics;

namespace MqttSource.Controller.Runtime;

/// <summary>
/// One controller instance: takes part in leader election on a Lease and, while leading, runs
/// <see cref="ControllerRuntime"/>. After losing the lease it stands by and competes again.
/// </summary>
internal sealed class ControllerHost
{
    private readonly IKubernetes _client;
    private readonly ControllerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ControllerRuntime _runtime;
    private volatile bool _leading;

    /// <summary>An instance against <paramref name="client"/>.</summary>
    public ControllerHost(IKubernetes client, ControllerOptions options, TimeProvider? timeProvider = null, ILoggerFactory? loggers = null, LogLevelSwitch? logLevel = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = timeProvider ?? TimeProvider.System;
        loggers ??= Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _logger = loggers.CreateLogger("MqttSource.Controller");
        Metrics = new ControllerMetrics { IsLeader = () => _leading };
        LogLevel = logLevel ?? new LogLevelSwitch();
        _runtime = new ControllerRuntime(client, options, Config, LogLevel, Metrics, _time, loggers);
    }

    /// <summary>The feature flags and observability config as last read.</summary>
    public ConfigStore Config { get; } = new();

    /// <summary>The controller's own log level (from config-logging).</summary>
    public LogLevelSwitch LogLevel { get; }

    /// <summary>The kinds of referenced objects watched now.</summary>
    public IReadOnlyCollection<string> TrackedKinds => _runtime.TrackedKinds;

    /// <summary>The counters served at <c>/metrics</c>.</summary>
    public ControllerMetrics Metrics { get; }

    /// <summary>Whether this instance leads (and reconciles) now.</summary>
    public bool IsLeader => _leading;

    /// <summary>Ready: standing by, or leading with synced caches.</summary>
    public bool IsReady => !_leading || _runtime.IsSynced;

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled; releases the lease on the way out.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        ControllerLog.Starting(_logger, _options.AdapterImage, _options.Workers, _options.SystemNamespace, _options.LeaseName, _options.Identity);
        if (!_options.LeaderElection)
        {
            _leading = true;
            await _runtime.RunAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var elector = new LeaderElector(
                _client,
                new LeaderElectionOptions
                {
                    Namespace = _options.SystemNamespace,
                    Name = _options.LeaseName,
                    Identity = _options.Identity,
                    LeaseDuration = _options.LeaseDuration,
                    RenewDeadline = _options.RenewDeadline,
                    RetryPeriod = _options.RetryPeriod,
                },
                _time,
                _logger);
            var lost = await elector.RunAsync(
                async leading =>
                {
                    _leading = true;
                    ControllerLog.Leading(_logger, _options.Identity);
                    try
                    {
                        await _runtime.RunAsync(leading).ConfigureAwait(false);
                    }
                    finally
                    {
                        _leading = false;
                    }
                },
                cancellationToken).ConfigureAwait(false);
            if (!lost)
            {
                return;
            }

            ControllerLog.LostLeadership(_logger, _options.Identity);
        }
    }
}
