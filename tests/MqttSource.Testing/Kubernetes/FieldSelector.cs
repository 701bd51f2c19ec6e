using System.Text.Json.Nodes;

namespace MqttSource.Testing.Kubernetes;

/// <summary>Field selectors as the API server supports them for every resource: <c>metadata.name</c> and <c>metadata.namespace</c>, with <c>=</c>, <c>==</c>, <c>!=</c>.</summary>
internal static class FieldSelector
{
    public static Func<JsonObject, bool> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return static _ => true;
        }

        var tests = new List<Func<JsonObject, bool>>();
        foreach (var term in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var negate = term.Contains("!=", StringComparison.Ordinal);
            var parts = term.Split(negate ? "!=" : term.Contains("==", StringComparison.Ordinal) ? "==" : "=", 2);
            if (parts.Length != 2)
            {
                throw FakeApiError.BadRequest($"invalid field selector: '{term}'");
            }

            var (field, value) = (parts[0].Trim(), parts[1].Trim());
            Func<JsonObject, string> read = field switch
            {
                "metadata.name" => o => FakeObjects.Meta(o)["name"]?.GetValue<string>() ?? string.Empty,
                "metadata.namespace" => FakeObjects.NamespaceOf,
                _ => throw FakeApiError.BadRequest($"field label not supported: {field}"),
            };
            tests.Add(o => (read(o) == value) != negate);
        }

        return o => tests.TrueForAll(t => t(o));
    }
}
