using System.Globalization;
using System.Text;

namespace MqttSource.Controller.Metrics;

/// <summary>Counters of the controller, written as Prometheus text at <c>/metrics</c>.</summary>
internal sealed class ControllerMetrics
{
    private static readonly double[] Buckets = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly long[] _bucketCounts = new long[Buckets.Length];
    private readonly Lock _lock = new();
    private long _success;
    private long _requeue;
    private long _errors;
    private double _durationSum;
    private long _durationCount;

    /// <summary>Reads the work queue depth (queued and delayed keys).</summary>
    public Func<int>? QueueDepth { get; set; }

    /// <summary>Reads whether this instance is the leader.</summary>
    public Func<bool>? IsLeader { get; set; }

    /// <summary>Reconciles that ended with nothing more to do.</summary>
    public long Successes => Interlocked.Read(ref _success);

    /// <summary>Reconciles that asked to be retried (sink not ready, …).</summary>
    public long Requeues => Interlocked.Read(ref _requeue);

    /// <summary>Reconciles that threw.</summary>
    public long Errors => Interlocked.Read(ref _errors);

    /// <summary>Counts one reconcile.</summary>
    public void Reconciled(TimeSpan duration, bool requeue, bool failed)
    {
        Interlocked.Increment(ref failed ? ref _errors : ref requeue ? ref _requeue : ref _success);
        var seconds = duration.TotalSeconds;
        lock (_lock)
        {
            _durationSum += seconds;
            _durationCount++;
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (seconds <= Buckets[i])
                {
                    _bucketCounts[i]++;
                }
            }
        }
    }

    /// <summary>Prometheus text exposition (format 0.0.4).</summary>
    public string WritePrometheus()
    {
        var text = new StringBuilder();
        text.Append("# HELP mqttsource_controller_reconcile_total Reconciles of MqttSources by result.\n");
        text.Append("# TYPE mqttsource_controller_reconcile_total counter\n");
        Line(text, "mqttsource_controller_reconcile_total{result=\"success\"}", Successes);
        Line(text, "mqttsource_controller_reconcile_total{result=\"requeue\"}", Requeues);
        Line(text, "mqttsource_controller_reconcile_total{result=\"error\"}", Errors);
        text.Append("# HELP mqttsource_controller_reconcile_errors_total Reconciles that failed with an error.\n");
        text.Append("# TYPE mqttsource_controller_reconcile_errors_total counter\n");
        Line(text, "mqttsource_controller_reconcile_errors_total", Errors);
        text.Append("# HELP mqttsource_controller_reconcile_duration_seconds Time spent in one reconcile.\n");
        text.Append("# TYPE mqttsource_controller_reconcile_duration_seconds histogram\n");
        lock (_lock)
        {
            for (var i = 0; i < Buckets.Length; i++)
            {
                Line(text, string.Create(CultureInfo.InvariantCulture, $"mqttsource_controller_reconcile_duration_seconds_bucket{{le=\"{Buckets[i]}\"}}"), _bucketCounts[i]);
            }

            Line(text, "mqttsource_controller_reconcile_duration_seconds_bucket{le=\"+Inf\"}", _durationCount);
            text.Append(CultureInfo.InvariantCulture, $"mqttsource_controller_reconcile_duration_seconds_sum {_durationSum}\n");
            Line(text, "mqttsource_controller_reconcile_duration_seconds_count", _durationCount);
        }

        text.Append("# HELP mqttsource_controller_workqueue_depth Keys waiting in the work queue (queued and delayed).\n");
        text.Append("# TYPE mqttsource_controller_workqueue_depth gauge\n");
        Line(text, "mqttsource_controller_workqueue_depth", QueueDepth?.Invoke() ?? 0);
        text.Append("# HELP mqttsource_controller_leader Whether this instance holds the leader lease.\n");
        text.Append("# TYPE mqttsource_controller_leader gauge\n");
        Line(text, "mqttsource_controller_leader", IsLeader?.Invoke() == true ? 1 : 0);
        return text.ToString();
    }

    private static void Line(StringBuilder text, string name, long value) =>
        text.Append(name).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture)).Append('\n');
}
