using System.Text.Json.Nodes;

namespace MqttSource.Testing.Kubernetes;

/// <summary>One change in the fake API server's history: what watches from an older resourceVersion replay.</summary>
internal sealed record HistoryEvent(long Revision, ResourceKey Resource, string Type, JsonObject? Previous, JsonObject Current);
