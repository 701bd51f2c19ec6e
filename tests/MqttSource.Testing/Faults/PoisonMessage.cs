namespace MqttSource.Testing.Faults;

/// <summary>One hostile MQTT 5 message the poison cases publish between numbered ones, and how it must end.</summary>
/// <param name="Name">What is wrong with it, for failure messages.</param>
/// <param name="Marker">A text unique to this message, in its payload (and in its CloudEvent id when it claims to be one), to find it again wherever it ends.</param>
/// <param name="Payload">The payload bytes, verbatim.</param>
/// <param name="Expected">How it must end.</param>
public sealed record PoisonMessage(string Name, string Marker, byte[] Payload, PoisonOutcome Expected)
{
    /// <summary>The MQTT 5 Content Type, or null.</summary>
    public string? ContentType { get; init; }

    /// <summary>MQTT 5 user properties, in order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> UserProperties { get; init; } = [];

    /// <summary>Stands for the marker in a template's payload and user property values until <see cref="Marked"/>.</summary>
    public const string MarkerPlaceholder = "@@";

    /// <summary>This message with <paramref name="marker"/> in place of every <see cref="MarkerPlaceholder"/>.</summary>
    public PoisonMessage Marked(string marker)
    {
        ArgumentNullException.ThrowIfNull(marker);
        var placeholder = System.Text.Encoding.UTF8.GetBytes(MarkerPlaceholder);
        var replacement = System.Text.Encoding.UTF8.GetBytes(marker);
        var payload = new List<byte>(Payload.Length + replacement.Length);
        for (var i = 0; i < Payload.Length; i++)
        {
            if (Payload.AsSpan(i).StartsWith(placeholder))
            {
                payload.AddRange(replacement);
                i += placeholder.Length - 1;
            }
            else
            {
                payload.Add(Payload[i]);
            }
        }

        return this with
        {
            Marker = marker,
            Payload = [.. payload],
            UserProperties = [.. UserProperties.Select(p => KeyValuePair.Create(p.Key, p.Value.Replace(MarkerPlaceholder, marker, StringComparison.Ordinal)))],
        };
    }

    /// <summary>True when <paramref name="request"/> carries this message (the marker in its body or in a header).</summary>
    public bool IsIn(Sinks.SinkRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.BodyText.Contains(Marker, StringComparison.Ordinal) || request.Headers.Values.Any(v => v.Contains(Marker, StringComparison.Ordinal));
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
