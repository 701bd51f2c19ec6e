namespace MqttSource.Apis.Validation;

/// <summary>Where the spec will run; only the sink rules differ.</summary>
public enum ValidationMode
{
    /// <summary>
    /// In Kubernetes (controller, and adapter in a cluster): <c>spec.sink</c> is required, a <c>ref</c>
    /// (apiVersion, kind, name) and/or a <c>uri</c> — absolute http(s) alone, relative with a ref.
    /// </summary>
    Kubernetes,

    /// <summary>A plain process with no sink given on the command line: <c>spec.sink.uri</c> must be an absolute http(s) URI (a ref cannot be resolved).</summary>
    Standalone,

    /// <summary>A plain process whose caller supplies the sink (<c>--sink</c>, <c>K_SINK</c>): <c>spec.sink</c> is optional and, when present, checked for shape only.</summary>
    StandaloneWithSink,
}
