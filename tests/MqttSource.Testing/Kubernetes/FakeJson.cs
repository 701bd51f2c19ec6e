using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MqttSource.Testing.Kubernetes;

/// <summary>Writes JSON as the API server does (no HTML-safe escaping of quotes and the like).</summary>
internal static class FakeJson
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode node) => node.ToJsonString(Options);
}
