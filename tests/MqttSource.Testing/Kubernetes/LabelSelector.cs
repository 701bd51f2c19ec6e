namespace MqttSource.Testing.Kubernetes;

/// <summary>
/// A label selector as the API server parses it: <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>,
/// <c>k notin (a,b)</c>, <c>k</c> (exists), <c>!k</c> (does not exist), joined by commas.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Func<IReadOnlyDictionary<string, string>, bool>> _requirements = [];

    private LabelSelector()
    {
    }

    public static LabelSelector Everything { get; } = new();

    public static LabelSelector Parse(string? text)
    {
        var selector = new LabelSelector();
        if (string.IsNullOrWhiteSpace(text))
        {
            return selector;
        }

        foreach (var term in SplitTerms(text))
        {
            selector._requirements.Add(ParseTerm(term.Trim()));
        }

        return selector;
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels) => _requirements.TrueForAll(r => r(labels));

    private static Func<IReadOnlyDictionary<string, string>, bool> ParseTerm(string term)
    {
        var lower = term.ToLowerInvariant();
        var notIn = lower.IndexOf(" notin ", StringComparison.Ordinal);
        var inAt = lower.IndexOf(" in ", StringComparison.Ordinal);
        if (notIn > 0 || inAt > 0)
        {
            var at = notIn > 0 ? notIn : inAt;
            var key = term[..at].Trim();
            var list = term[(at + (notIn > 0 ? 7 : 4))..].Trim();
            if (!list.StartsWith('(') || !list.EndsWith(')'))
            {
                throw FakeApiError.BadRequest($"unable to parse requirement: found '{list}', expected: '('");
            }

            var values = list[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);
            return notIn > 0
                ? labels => !labels.TryGetValue(key, out var v) || !values.Contains(v)
                : labels => labels.TryGetValue(key, out var v) && values.Contains(v);
        }

        var ne = term.IndexOf("!=", StringComparison.Ordinal);
        if (ne > 0)
        {
            var (key, value) = (term[..ne].Trim(), term[(ne + 2)..].Trim());
            return labels => !labels.TryGetValue(key, out var v) || v != value;
        }

        var eq = term.IndexOf('=', StringComparison.Ordinal);
        if (eq > 0)
        {
            var key = term[..eq].Trim();
            var value = term[(eq + (term.Length > eq + 1 && term[eq + 1] == '=' ? 2 : 1))..].Trim();
            return labels => labels.TryGetValue(key, out var v) && v == value;
        }

        if (term.StartsWith('!'))
        {
            var key = term[1..].Trim();
            return labels => !labels.ContainsKey(key);
        }

        if (term.Length == 0 || term.Contains(' ', StringComparison.Ordinal))
        {
            throw FakeApiError.BadRequest($"unable to parse requirement: '{term}'");
        }

        return labels => labels.ContainsKey(term);
    }

    private static IEnumerable<string> SplitTerms(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    yield return text[start..i];
                    start = i + 1;
                    break;
            }
        }

        yield return text[start..];
    }
}
