using CloudNative.CloudEvents;

namespace MqttSource.Adapter.Delivery;

/// <summary>
/// The extensions Knative puts on a dead-lettered event, typed: <c>knativeerrordest</c> (URI, the sink that refused it),
/// <c>knativeerrorcode</c> (Integer, its HTTP status; 0 when there was none) and <c>knativeerrordata</c> (Binary, the start
/// of its answer, base64 on the wire).
/// </summary>
internal static class KnativeErrorAttributes
{
    public static CloudEventAttribute Destination { get; } = CloudEventAttribute.CreateExtension("knativeerrordest", CloudEventAttributeType.Uri);

    public static CloudEventAttribute Code { get; } = CloudEventAttribute.CreateExtension("knativeerrorcode", CloudEventAttributeType.Integer);

    public static CloudEventAttribute Data { get; } = CloudEventAttribute.CreateExtension("knativeerrordata", CloudEventAttributeType.Binary);
}
