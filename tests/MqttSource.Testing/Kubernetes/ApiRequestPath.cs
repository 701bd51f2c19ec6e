namespace MqttSource.Testing.Kubernetes;

/// <summary>
/// A parsed API path: <c>/api/v1[/namespaces/{ns}]/{plural}[/{name}[/{subresource}]]</c> or the same under
/// <c>/apis/{group}/{version}</c>. <c>/api/v1/namespaces/{name}</c> is the cluster-scoped namespaces resource.
/// </summary>
internal sealed record ApiRequestPath(string Group, string Version, string? Namespace, string Plural, string? Name, string? Subresource)
{
    public ResourceKey Resource => new(Group, Plural);

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public static ApiRequestPath? Parse(string path)
    {
        var parts = path.Trim('/').Split('/').Select(Uri.UnescapeDataString).ToArray();
        int rest;
        string group;
        string version;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, version, rest) = (string.Empty, parts[1], 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, version, rest) = (parts[1], parts[2], 3);
        }
        else
        {
            return null;
        }

        var tail = parts[rest..];
        string? ns = null;
        if (tail.Length >= 3 && tail[0] == "namespaces")
        {
            ns = tail[1];
            tail = tail[2..];
        }

        return tail.Length switch
        {
            1 => new ApiRequestPath(group, version, ns, tail[0], null, null),
            2 => new ApiRequestPath(group, version, ns, tail[0], tail[1], null),
            3 => new ApiRequestPath(group, version, ns, tail[0], tail[1], tail[2]),
            _ => null,
        };
    }
}
