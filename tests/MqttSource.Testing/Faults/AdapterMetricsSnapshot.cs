using System.Globalization;

namespace MqttSource.Testing.Faults;

/// <summary>One scrape of the adapter's <c>/metrics</c> (Prometheus text): samples by name (labels included as written).</summary>
public sealed class AdapterMetricsSnapshot
{
    private readonly Dictionary<string, double> _samples;

    private AdapterMetricsSnapshot(Dictionary<string, double> samples) => _samples = samples;

    /// <summary>Metric names and values.</summary>
    public IReadOnlyDictionary<string, double> Samples => _samples;

    /// <summary><c>mqttsource_messages_received_total</c>.</summary>
    public double Received => this["mqttsource_messages_received_total"];

    /// <summary><c>mqttsource_events_delivered_total</c>.</summary>
    public double Delivered => this["mqttsource_events_delivered_total"];

    /// <summary><c>mqttsource_events_retried_total</c>.</summary>
    public double Retried => this["mqttsource_events_retried_total"];

    /// <summary><c>mqttsource_events_deadlettered_total</c>.</summary>
    public double DeadLettered => this["mqttsource_events_deadlettered_total"];

    /// <summary><c>mqttsource_events_dropped_total</c>.</summary>
    public double Dropped => this["mqttsource_events_dropped_total"];

    /// <summary><c>mqttsource_events_invalid_total</c>.</summary>
    public double Invalid => this["mqttsource_events_invalid_total"];

    /// <summary><c>mqttsource_events_abandoned_total</c>.</summary>
    public double Abandoned => this["mqttsource_events_abandoned_total"];

    /// <summary><c>mqttsource_events_inflight</c>.</summary>
    public double InFlight => this["mqttsource_events_inflight"];

    /// <summary><c>mqttsource_mqtt_reconnects_total</c>.</summary>
    public double Reconnects => this["mqttsource_mqtt_reconnects_total"];

    /// <summary><c>mqttsource_oldest_unacked_age_seconds</c>, or null when the adapter does not expose it.</summary>
    public double? OldestUnackedAgeSeconds => Value("mqttsource_oldest_unacked_age_seconds");

    /// <summary>A sample; 0 when absent (a counter that never moved).</summary>
    public double this[string name] => Value(name) ?? 0;

    /// <summary>A sample, or null when absent.</summary>
    public double? Value(string name) => _samples.TryGetValue(name, out var value) ? value : null;

    /// <summary>Parses Prometheus text exposition: <c>name[{labels}] value [timestamp]</c> lines; comments skipped.</summary>
    public static AdapterMetricsSnapshot Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOf('}', StringComparison.Ordinal) is var brace and >= 0 ? brace + 1 : line.IndexOf(' ', StringComparison.Ordinal);
            if (nameEnd <= 0 || nameEnd >= line.Length)
            {
                continue;
            }

            var value = line[nameEnd..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
            if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                samples[line[..nameEnd]] = number;
            }
        }

        return new AdapterMetricsSnapshot(samples);
    }

    /// <summary>The counters that tell where messages went, on one line.</summary>
    public string Summary() => string.Create(
        CultureInfo.InvariantCulture,
        $"received {Received}, delivered {Delivered}, retried {Retried}, dead-lettered {DeadLettered}, dropped {Dropped}, invalid {Invalid}, abandoned {Abandoned}, in flight {InFlight}, reconnects {Reconnects}, oldest un-acked age {(OldestUnackedAgeSeconds is { } age ? age.ToString("0.0", CultureInfo.InvariantCulture) + " s" : "(not exposed)")}");
}
