using System.Text.Json;
using System.Text.Json.Serialization;
using MqttSource.Apis.Status;
using MqttSource.Apis.Validation;

namespace MqttSource.Controller.Json;

/// <summary>
/// Reads <c>status</c> with <see cref="MqttSourceStatus.FromJson"/> (path-named errors, Apis' own JSON metadata) and writes
/// it with <see cref="MqttSourceStatus.ToJson"/>. A status that cannot be read (edited by hand into the wrong shape) reads
/// as null, so the object still reaches the reconciler, which writes a fresh status.
/// </summary>
internal sealed class MqttSourceStatusConverter : JsonConverter<MqttSourceStatus?>
{
    /// <inheritdoc/>
    public override bool HandleNull => false;

    /// <inheritdoc/>
    public override MqttSourceStatus? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        if (document.RootElement.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        try
        {
            return MqttSourceStatus.FromJson(document.RootElement.GetRawText());
        }
        catch (Exception ex) when (ex is MqttSourceValidationException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, MqttSourceStatus? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteRawValue(value.ToJson());
    }
}
