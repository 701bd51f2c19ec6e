namespace MqttSource.Controller.Reconciler;

/// <summary>Labels and annotations the controller puts on the adapter StatefulSet and its pods.</summary>
internal static class AdapterLabels
{
    /// <summary>Knative's source label: which controller made the object.</summary>
    public const string SourceKey = "sources.knative.dev/source";

    /// <summary>Value of <see cref="SourceKey"/>: this controller.</summary>
    public const string SourceValue = "mqtt-source-controller";

    /// <summary>Knative's source name label.</summary>
    public const string NameKey = "sources.knative.dev/name";

    /// <summary>The label selector of every adapter StatefulSet (what the controller's informer watches).</summary>
    public const string Selector = SourceKey + "=" + SourceValue;

    /// <summary>Hash of the desired StatefulSet; the controller updates only when it differs.</summary>
    public const string SpecHashAnnotation = "sources.knative.dev/mqttsource-adapter-hash";

    /// <summary>Container name.</summary>
    public const string ContainerName = "receive-adapter";
}
