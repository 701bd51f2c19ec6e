using System.Globalization;
using System.Text.Json.Serialization;
using MqttSource.Kubernetes.Json;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>intstr.IntOrString</c>: a port number or a port name.</summary>
[JsonConverter(typeof(IntOrStringConverter))]
public readonly record struct IntOrString
{
    private IntOrString(int? number, string? name)
    {
        Number = number;
        Name = name;
    }

    /// <summary>The number, when this is a number.</summary>
    public int? Number { get; }

    /// <summary>The name, when this is a string.</summary>
    public string? Name { get; }

    /// <summary>A number.</summary>
    public static IntOrString FromNumber(int value) => new(value, null);

    /// <summary>A name.</summary>
    public static IntOrString FromName(string value) => new(null, value ?? throw new ArgumentNullException(nameof(value)));

    /// <summary>A number.</summary>
    public static implicit operator IntOrString(int value) => FromNumber(value);

    /// <summary>A name.</summary>
    public static implicit operator IntOrString(string value) => FromName(value);

    /// <inheritdoc/>
    public override string ToString() => Number?.ToString(CultureInfo.InvariantCulture) ?? Name ?? string.Empty;
}
