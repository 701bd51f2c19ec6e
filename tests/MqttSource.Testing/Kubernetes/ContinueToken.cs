using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MqttSource.Testing.Kubernetes;

/// <summary>The <c>continue</c> token of a paged list: the list's revision and the last key given out.</summary>
internal static class ContinueToken
{
    public static string Encode(long revision, string lastKey) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(new JsonObject { ["rv"] = revision, ["start"] = lastKey }.ToJsonString()));

    public static (long Revision, string After) Decode(string token)
    {
        try
        {
            var obj = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)))!.AsObject();
            return (obj["rv"]!.GetValue<long>(), obj["start"]!.GetValue<string>());
        }
        catch (Exception ex) when (ex is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw FakeApiError.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }
}
