using System.Text.Json;
using MqttSource.CloudEvents.Core;

namespace MqttSource.CloudEvents.Json;

/// <summary>Reads events in the JSON event format with <see cref="Utf8JsonReader"/>, keeping the raw bytes of JSON data.</summary>
internal static class JsonEventReader
{
    public static readonly JsonReaderOptions ReaderOptions = new() { MaxDepth = 256 };

    private const int SeenData = 1 << 8, SeenDataBase64 = 1 << 9;

    /// <summary>The core attributes the JSON reader reads as strings, in <see cref="CoreAttributeValues"/> order.</summary>
    private static readonly string[] CoreNames = ["specversion", "id", "source", "type", "datacontenttype", "dataschema", "subject", "time"];

    private static readonly byte[][] CoreNamesUtf8 = [.. CoreNames.Select(System.Text.Encoding.UTF8.GetBytes)];

    /// <summary>Reads one event; the reader is on its StartObject token and ends on its EndObject token.</summary>
    public static CloudEvent ReadEvent(ref Utf8JsonReader reader, ReadOnlySpan<byte> document, CloudEventAttribute[]? extensionAttributes)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw Error($"a CloudEvent must be a JSON object, not {Describe(reader.TokenType)}");
        }

        var cloudEvent = new CloudEvent(extensionAttributes);
        var values = default(CoreAttributeValues);
        var seen = 0;
        var dataToken = JsonTokenType.None;
        int dataStart = 0, dataEnd = 0, textStart = 0, textLength = 0;
        byte[]? unescapedText = null;
        byte[]? base64Data = null;
        try
        {
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var core = CoreAttributeIndex(ref reader);
                if (core >= 0)
                {
                    MarkSeen(ref seen, 1 << core, CoreNames[core]);
                    values[core] = ReadString(ref reader, CoreNames[core]);
                }
                else if (reader.ValueTextEquals("data"u8))
                {
                    MarkSeen(ref seen, SeenData, "data");
                    reader.Read();
                    dataToken = reader.TokenType;
                    dataStart = (int)reader.TokenStartIndex;
                    if (dataToken == JsonTokenType.String)
                    {
                        if (reader.ValueIsEscaped)
                        {
                            unescapedText = new byte[reader.ValueSpan.Length];
                            textLength = reader.CopyString(unescapedText);
                        }
                        else
                        {
                            textStart = dataStart + 1;
                            textLength = reader.ValueSpan.Length;
                        }
                    }

                    reader.Skip();
                    dataEnd = (int)reader.BytesConsumed;
                }
                else if (reader.ValueTextEquals("data_base64"u8))
                {
                    MarkSeen(ref seen, SeenDataBase64, "data_base64");
                    reader.Read();
                    if (reader.TokenType == JsonTokenType.String)
                    {
                        base64Data = reader.TryGetBytesFromBase64(out var bytes)
                            ? bytes : throw Error("'data_base64' is not valid base64");
                    }
                    else if (reader.TokenType != JsonTokenType.Null)
                    {
                        throw Error($"'data_base64' must be a JSON string, not {Describe(reader.TokenType)}");
                    }
                }
                else
                {
                    ReadExtension(ref reader, cloudEvent);
                }
            }

            string? specVersion = values[0], id = values[1], source = values[2], type = values[3],
                schema = values[5], subject = values[6], time = values[7];
            RequireAll(specVersion, id, source, type);
            if (specVersion != "1.0")
            {
                throw Error($"unsupported specversion '{specVersion}' (only 1.0 is supported)");
            }

            cloudEvent.Id = id;
            cloudEvent[CloudEventsSpecVersion.V1_0.SourceAttribute] = CloudEventsSpecVersion.V1_0.SourceAttribute.Parse(source!);
            cloudEvent.Type = type;
            cloudEvent.DataContentType = values[4];
            cloudEvent.Subject = subject;
            if (schema is not null)
            {
                cloudEvent.DataSchema = (Uri)CloudEventsSpecVersion.V1_0.DataSchemaAttribute.Parse(schema);
            }

            if (time is not null)
            {
                cloudEvent.Time = (DateTimeOffset)CloudEventsSpecVersion.V1_0.TimeAttribute.Parse(time);
            }
        }
        catch (ArgumentException ex)
        {
            throw Error(ExceptionMessages.WithoutParameter(ex).TrimEnd('.'), ex);
        }

        var contentType = values[4];
        if (base64Data is not null && dataToken != JsonTokenType.None)
        {
            throw Error("an event must not have both 'data' and 'data_base64'");
        }

        if (base64Data is not null)
        {
            cloudEvent.Data = base64Data;
        }
        else if (dataToken == JsonTokenType.None || (dataToken == JsonTokenType.Null && !MediaTypes.IsJson(contentType)))
        {
            // No data.
        }
        else if (MediaTypes.IsJson(contentType))
        {
            cloudEvent.Data = document[dataStart..dataEnd].ToArray();
        }
        else if (dataToken == JsonTokenType.String)
        {
            cloudEvent.Data = unescapedText is not null ? unescapedText.AsMemory(0, textLength) : document.Slice(textStart, textLength).ToArray();
        }
        else
        {
            throw Error($"'data' must be a JSON string when datacontenttype is '{contentType}' " +
                $"(it is {Describe(dataToken)}; use data_base64 for binary data)");
        }

        return cloudEvent;
    }

    public static CloudEventFormatException Error(string message, Exception? inner = null) =>
        inner is null ? new($"Invalid CloudEvent: {message}.") : new($"Invalid CloudEvent: {message}.", inner);

    public static string Describe(JsonTokenType token) => token switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => token.ToString(),
    };

    private static void RequireAll(string? specVersion, string? id, string? source, string? type)
    {
        if (specVersion is not null && id is not null && source is not null && type is not null)
        {
            return;
        }

        var missing = new List<string>(4);
        AddIfNull(missing, specVersion, "specversion");
        AddIfNull(missing, id, "id");
        AddIfNull(missing, source, "source");
        AddIfNull(missing, type, "type");
        throw Error($"missing required attribute(s): {string.Join(", ", missing)}");
    }

    private static void AddIfNull(List<string> missing, string? value, string name)
    {
        if (value is null)
        {
            missing.Add(name);
        }
    }

    private static void MarkSeen(ref int seen, int flag, string name)
    {
        if ((seen & flag) != 0)
        {
            throw Error($"'{name}' appears more than once");
        }

        seen |= flag;
    }

    private static int CoreAttributeIndex(ref Utf8JsonReader reader)
    {
        for (var i = 0; i < CoreNamesUtf8.Length; i++)
        {
            if (reader.ValueTextEquals(CoreNamesUtf8[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string name)
    {
        reader.Read();
        return reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Null => null,
            _ => throw Error($"attribute '{name}' must be a JSON string, not {Describe(reader.TokenType)}"),
        };
    }

    private static void ReadExtension(ref Utf8JsonReader reader, CloudEvent cloudEvent)
    {
        var name = reader.GetString()!;
        if (CloudEventAttribute.CheckExtensionName(name) is { } nameError)
        {
            throw Error(nameError);
        }

        if (cloudEvent[name] is not null)
        {
            throw Error($"'{name}' appears more than once");
        }

        reader.Read();
        switch (reader.TokenType)
        {
            case JsonTokenType.String:
                cloudEvent.SetAttributeFromString(name, reader.GetString()!);
                break;
            case JsonTokenType.Number:
                cloudEvent[name] = reader.TryGetInt32(out var integer)
                    ? integer
                    : throw Error($"extension attribute '{name}' must be an integer from -2147483648 to 2147483647");
                break;
            case JsonTokenType.True or JsonTokenType.False:
                cloudEvent[name] = reader.GetBoolean();
                break;
            case JsonTokenType.Null:
                break;
            default:
                throw Error($"extension attribute '{name}' must be a string, number or boolean, not {Describe(reader.TokenType)}");
        }
    }
}
