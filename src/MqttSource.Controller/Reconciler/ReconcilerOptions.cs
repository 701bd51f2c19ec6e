namespace MqttSource.Controller.Reconciler;

/// <summary>Settings of <see cref="MqttSourceReconciler"/>.</summary>
internal sealed class ReconcilerOptions
{
    /// <summary>The receive adapter image (env <c>MQTT_RA_IMAGE</c>).</summary>
    public required string AdapterImage { get; init; }

    /// <summary>This controller instance (pod name), for Events.</summary>
    public string Instance { get; init; } = "mqtt-source-controller";

    /// <summary>Attempts at writing status when it conflicts (default 5).</summary>
    public int StatusAttempts { get; init; } = 5;
}
