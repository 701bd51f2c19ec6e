namespace MqttSource.Mqtt.Formatting;

/// <summary>
/// The optional "reason code, then properties" tail of MQTT 5 PUBACK/PUBREC/PUBREL/PUBCOMP, DISCONNECT and AUTH:
/// nothing at all when the reason is Success (0) and there are no properties, only the reason code when there
/// are no properties, otherwise both.
/// </summary>
internal static class MqttReasonTail
{
    public static MqttReasonCode Read(ref MqttPacketReader reader, MqttPropertyContext context, ref MqttProperties properties)
    {
        if (reader.End)
        {
            return MqttReasonCode.Success;
        }

        var reason = (MqttReasonCode)reader.ReadByte();
        if (!reader.End)
        {
            properties.Read(ref reader, context);
        }

        return reason;
    }

    /// <summary>Bytes the tail takes, given the property length from <see cref="MqttProperties.GetLength"/>.</summary>
    public static int GetSize(MqttReasonCode reason, int propertiesLength) =>
        propertiesLength > 0 ? 1 + MqttProperties.GetBlockSize(propertiesLength)
        : reason != MqttReasonCode.Success ? 1
        : 0;

    public static void Write(ref MqttPacketWriter writer, MqttReasonCode reason, in MqttProperties properties, int propertiesLength)
    {
        if (propertiesLength > 0)
        {
            writer.WriteByte((byte)reason);
            properties.Write(ref writer, propertiesLength);
        }
        else if (reason != MqttReasonCode.Success)
        {
            writer.WriteByte((byte)reason);
        }
    }
}
