using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using k8s;
using MqttSource.Controller.Json;

namespace MqttSource.Controller.Api;

/// <summary>
/// KubernetesClient's JSON settings (its converters for times, quantities and enums) with our
/// <see cref="ControllerJsonContext"/> first in the resolver chain: how the controller's own types (the MqttSource
/// custom resource, Knative's Addressable duck type) are read and written, trimmed or not.
/// </summary>
internal static class ControllerJson
{
    /// <summary>The options: KubernetesClient's, plus our context.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The metadata of <typeparamref name="T"/> under <see cref="Options"/>.</summary>
    public static JsonTypeInfo<T> TypeInfo<T>() => (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));

    /// <summary>Registers our context with a client configuration (its request and response bodies).</summary>
    public static void Register(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        configuration.AddJsonOptions(options =>
        {
            if (!options.TypeInfoResolverChain.Contains(ControllerJsonContext.Default))
            {
                options.TypeInfoResolverChain.Insert(0, ControllerJsonContext.Default);
            }
        });
    }

    private static JsonSerializerOptions Create()
    {
        JsonSerializerOptions? copy = null;
        KubernetesJson.AddJsonOptions(options => copy = new JsonSerializerOptions(options));
        copy!.TypeInfoResolverChain.Insert(0, ControllerJsonContext.Default);
        copy.MakeReadOnly();
        return copy;
    }
}
