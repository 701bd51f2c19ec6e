using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using MqttSource.Kubernetes.Json;

namespace MqttSource.Kubernetes.Models;

/// <summary>
/// Any Kubernetes object as a JSON tree, with its <c>metadata</c> read into <see cref="ObjectMeta"/>: for resources
/// we do not model (e.g. an Addressable's <c>status.address.url</c>). Setting <see cref="Metadata"/> writes it back.
/// </summary>
[JsonConverter(typeof(GenericObjectConverter))]
public sealed class GenericObject : IKubernetesObject
{
    /// <summary>Wraps <paramref name="json"/> (not copied).</summary>
    public GenericObject(JsonObject json)
    {
        Json = json ?? throw new ArgumentNullException(nameof(json));
    }

    /// <summary>The whole object.</summary>
    public JsonObject Json { get; }

    /// <inheritdoc/>
    public string? ApiVersion
    {
        get => GetString("apiVersion");
        set => Json["apiVersion"] = value;
    }

    /// <inheritdoc/>
    public string? Kind
    {
        get => GetString("kind");
        set => Json["kind"] = value;
    }

    /// <inheritdoc/>
    /// <remarks>A copy: change it and set it back.</remarks>
    public ObjectMeta Metadata
    {
        get => Json["metadata"] is JsonObject meta
            ? meta.Deserialize(KubernetesJsonContext.Default.ObjectMeta) ?? new ObjectMeta()
            : new ObjectMeta();
        set => Json["metadata"] = JsonSerializer.SerializeToNode(value, KubernetesJsonContext.Default.ObjectMeta);
    }

    /// <summary>The node at <paramref name="path"/> (object member names), or null when any step is missing.</summary>
    public JsonNode? GetNode(params string[] path)
    {
        ArgumentNullException.ThrowIfNull(path);
        JsonNode? node = Json;
        foreach (var name in path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>The string at <paramref name="path"/>, or null when missing or not a string.</summary>
    public string? GetString(params string[] path) =>
        GetNode(path) is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
