namespace MqttSource.Adapter.Conversion;

/// <summary>Kinds of <see cref="IdSource"/>.</summary>
internal enum IdSourceKind
{
    Generated,
    UserProperty,
    JsonPointer,
}
