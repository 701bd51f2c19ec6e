namespace MqttSource.Controller.Machinery;

/// <summary>Callbacks of an <see cref="Informer{T}"/>, called one at a time; keep them short (enqueue a key).</summary>
/// <typeparam name="T">The object type.</typeparam>
internal sealed class InformerHandler<T>
    where T : class
{
    /// <summary>An object appeared (also for every object of the first list).</summary>
    public Action<T>? Added { get; init; }

    /// <summary>An object changed (old, new); on resync both are the cached object.</summary>
    public Action<T, T>? Updated { get; init; }

    /// <summary>An object went away (as last seen).</summary>
    public Action<T>? Deleted { get; init; }
}
