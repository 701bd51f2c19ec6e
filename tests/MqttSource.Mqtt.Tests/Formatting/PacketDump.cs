using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Text;

namespace MqttSource.Mqtt.Tests.Formatting;

/// <summary>A canonical text form of a packet (all public properties, recursively) for deep comparisons.</summary>
internal static class PacketDump
{
    public static string Of(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string s:
                builder.Append('"').Append(s).Append('"');
                break;
            case ReadOnlyMemory<byte> memory:
                builder.Append("0x").Append(Convert.ToHexString(memory.Span));
                break;
            case Enum or ValueType:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable list:
                builder.Append('[');
                foreach (var item in list)
                {
                    Append(builder, item);
                    builder.Append(',');
                }

                builder.Append(']');
                break;
            default:
                builder.Append(value.GetType().Name).Append('{');
                foreach (var property in value.GetType().GetProperties().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    if (property.PropertyType == typeof(ReadOnlySequence<byte>) || property.GetIndexParameters().Length > 0)
                    {
                        continue;
                    }

                    builder.Append(property.Name).Append('=');
                    Append(builder, property.GetValue(value));
                    builder.Append(';');
                }

                builder.Append('}');
                break;
        }
    }
}
