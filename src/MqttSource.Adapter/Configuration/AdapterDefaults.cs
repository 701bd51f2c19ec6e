namespace MqttSource.Adapter.Configuration;

/// <summary>Defaults of the adapter's own settings (the MqttSource defaults live in MqttSource.Apis).</summary>
internal static class AdapterDefaults
{
    public const int HttpPort = 8080;

    /// <summary>256 KiB: four times the 64 KiB every CloudEvents intermediary must forward.</summary>
    public const uint MaximumPacketSize = 256 * 1024;

    public static readonly TimeSpan ShutdownGrace = TimeSpan.FromSeconds(25);

    /// <summary>Default stall threshold: a minute, and never less than two attempt timeouts (a slow attempt is not a stall).</summary>
    public static TimeSpan StallThreshold(TimeSpan attemptTimeout) => TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMinute, attemptTimeout.Ticks * 2));

    public const string TokenFile = "/var/run/secrets/tokens/oidc-token";
}
