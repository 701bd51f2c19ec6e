using System.Text.Json.Serialization;

namespace MqttSource.Controller.Resources;

/// <summary>The <c>status</c> of an Addressable.</summary>
internal sealed class AddressableStatus
{
    /// <summary><c>status.address</c>: where to send events.</summary>
    [JsonPropertyName("address")]
    public AddressableAddress? Address { get; set; }
}
