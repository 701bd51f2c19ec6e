using System.Globalization;

namespace MqttSource.Controller.Runtime;

/// <summary>Settings of the controller process, from its environment (see <see cref="FromEnvironment"/>).</summary>
internal sealed class ControllerOptions
{
    /// <summary>The receive adapter image (<c>MQTT_RA_IMAGE</c>, required).</summary>
    public required string AdapterImage { get; init; }

    /// <summary>This instance's identity in the lease (<c>POD_NAME</c>, else host name and a random suffix).</summary>
    public required string Identity { get; init; }

    /// <summary>
    /// The controller's namespace (<c>POD_NAMESPACE</c>, else the in-cluster namespace, else <c>mqtt-source-system</c>): where its
    /// leader Lease and its <c>config-logging</c> and <c>config-observability</c> ConfigMaps are.
    /// </summary>
    public required string SystemNamespace { get; init; }

    /// <summary>Name of the leader lease (<c>LEASE_NAME</c>, default <c>mqtt-source-controller</c>).</summary>
    public string LeaseName { get; init; } = "mqtt-source-controller";

    /// <summary>Whether to elect a leader (<c>LEADER_ELECTION</c>, default true); off, this instance always reconciles.</summary>
    public bool LeaderElection { get; init; } = true;

    /// <summary>Reconcile workers (<c>WORKERS</c>, default 2).</summary>
    public int Workers { get; init; } = 2;

    /// <summary>Port of <c>/health</c>, <c>/readiness</c>, <c>/metrics</c> (<c>HTTP_PORT</c>, default 8080).</summary>
    public int HttpPort { get; init; } = 8080;

    /// <summary>Every cached object is reconciled again this often (default 10 minutes).</summary>
    public TimeSpan ResyncPeriod { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>First retry delay of a failed or waiting reconcile (default 1 s), doubled up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest retry delay (default 5 minutes).</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Lease duration (default 15 s).</summary>
    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Renew deadline (default 10 s).</summary>
    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Lease retry period (default 2 s).</summary>
    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Reads the options; every problem is listed in <paramref name="errors"/> at once (then the result is null).</summary>
    public static ControllerOptions? FromEnvironment(Func<string, string?> env, string? inClusterNamespace, out IReadOnlyList<string> errors)
    {
        ArgumentNullException.ThrowIfNull(env);
        var problems = new List<string>();
        var image = env("MQTT_RA_IMAGE");
        if (string.IsNullOrWhiteSpace(image))
        {
            problems.Add("MQTT_RA_IMAGE: required (the receive adapter image, e.g. registry.example.com/mqtt-source/adapter:v0.1.0)");
        }

        var workers = Int(env, "WORKERS", 1, 64, 2, problems);
        var port = Int(env, "HTTP_PORT", 1, 65535, 8080, problems);
        var election = env("LEADER_ELECTION") is { Length: > 0 } text ? !text.Equals("false", StringComparison.OrdinalIgnoreCase) && text != "0" : true;
        errors = problems;
        if (problems.Count > 0)
        {
            return null;
        }

        return new ControllerOptions
        {
            AdapterImage = image!,
            Identity = env("POD_NAME") is { Length: > 0 } pod ? pod : Environment.MachineName + "_" + Guid.NewGuid().ToString("N")[..8],
            SystemNamespace = env("POD_NAMESPACE") is { Length: > 0 } ns ? ns : string.IsNullOrEmpty(inClusterNamespace) ? "mqtt-source-system" : inClusterNamespace,
            LeaseName = env("LEASE_NAME") is { Length: > 0 } lease ? lease : "mqtt-source-controller",
            LeaderElection = election,
            Workers = workers,
            HttpPort = port,
        };
    }

    private static int Int(Func<string, string?> env, string name, int min, int max, int fallback, List<string> problems)
    {
        if (env(name) is not { Length: > 0 } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        problems.Add(string.Create(CultureInfo.InvariantCulture, $"{name}: must be a whole number {min}..{max} (got '{text}')"));
        return fallback;
    }
}
