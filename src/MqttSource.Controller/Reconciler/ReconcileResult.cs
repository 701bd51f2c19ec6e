namespace MqttSource.Controller.Reconciler;

/// <summary>What the work queue should do with a key after a reconcile.</summary>
/// <param name="Requeue">Reconcile again after a backoff (the sink is not ready, the API refused a write, …).</param>
internal readonly record struct ReconcileResult(bool Requeue)
{
    /// <summary>Nothing more to do until something changes.</summary>
    public static ReconcileResult Done => new(false);

    /// <summary>Try again later, with backoff.</summary>
    public static ReconcileResult Backoff => new(true);
}
