using System.Text.Json.Serialization;

namespace MqttSource.Kubernetes.Models;

/// <summary><c>metav1.ListMeta</c>.</summary>
public sealed class ListMeta
{
    /// <summary><c>resourceVersion</c> of the list: watch from here to see every later change.</summary>
    public string? ResourceVersion { get; set; }

    /// <summary><c>continue</c>: pass back to get the next page; empty on the last page.</summary>
    [JsonPropertyName("continue")]
    public string? Continue { get; set; }

    /// <summary><c>remainingItemCount</c>, when the server knows it.</summary>
    public long? RemainingItemCount { get; set; }
}
