using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary>Lease <c>spec</c>; times are <c>MicroTime</c>.</summary>
public sealed class LeaseSpec
{
    /// <summary><c>holderIdentity</c>.</summary>
    public string? HolderIdentity { get; set; }

    /// <summary><c>leaseDurationSeconds</c>.</summary>
    public int? LeaseDurationSeconds { get; set; }

    /// <summary><c>acquireTime</c>.</summary>
    [JsonConverter(typeof(Json.MicroTimeConverter))]
    public DateTimeOffset? AcquireTime { get; set; }

    /// <summary><c>renewTime</c>.</summary>
    [JsonConverter(typeof(Json.MicroTimeConverter))]
    public DateTimeOffset? RenewTime { get; set; }

    /// <summary><c>leaseTransitions</c>.</summary>
    public int? LeaseTransitions { get; set; }

    /// <summary>Members not modelled here, kept so that a read-modify-write loses nothing.</summary>
    [JsonExtensionData]
    public IDictionary<string, JsonElement>? AdditionalProperties { get; set; }
}
