using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace MqttSource.Controller.Tests.Manifests;

/// <summary>The YAML files of <c>config/</c> and <c>samples/</c>, read with YamlDotNet's representation model into JSON trees.</summary>
internal static class ManifestFiles
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static IReadOnlyList<string> All =>
        [.. new[] { "config", "samples" }
            .SelectMany(d => Directory.EnumerateFiles(Path.Combine(RepositoryRoot, d), "*.y*ml", SearchOption.AllDirectories))
            .Order(StringComparer.Ordinal)];

    public static string Relative(string path) => Path.GetRelativePath(RepositoryRoot, path);

    /// <summary>Every document of <paramref name="path"/> (aliases resolved).</summary>
    public static IReadOnlyList<JsonObject> Documents(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        return [.. stream.Documents.Where(d => d.RootNode is YamlMappingNode).Select(d => (JsonObject)ToJson(d.RootNode)!)];
    }

    public static IReadOnlyList<(string File, JsonObject Document)> AllDocuments() =>
        [.. All.SelectMany(f => Documents(f).Select(d => (Relative(f), d)))];

    public static JsonObject Crd() => Documents(Path.Combine(RepositoryRoot, "config", "300-mqttsource.yaml")).Single();

    public static IReadOnlyList<(string File, JsonObject Source)> SampleSources() =>
        [.. AllDocuments().Where(d => d.File.StartsWith("samples", StringComparison.Ordinal) && d.Document["kind"]?.GetValue<string>() == "MqttSource")];

    private static JsonNode? ToJson(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value!, ToJson(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(ToJson)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new InvalidDataException("unsupported YAML node " + node.NodeType),
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number) => JsonValue.Create(number),
            _ when text.Length > 0 && (char.IsDigit(text[0]) || text[0] is '-' or '.') && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MqttSource.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("MqttSource.sln not found above " + AppContext.BaseDirectory);
    }
}
