using System.Text.RegularExpressions;

namespace MqttSource.Apis.Validation;

/// <summary>URI checks that do not depend on the platform (on Unix, .NET reads "/x" as an absolute file URI).</summary>
internal static partial class UriText
{
    /// <summary>Whether <paramref name="text"/> starts with a scheme (<c>http:</c>, <c>urn:</c>...).</summary>
    public static bool HasScheme(string text) => Scheme().IsMatch(text);

    /// <summary>Null for an absolute http/https URI with a host, else why not.</summary>
    public static string? CheckAbsoluteHttp(string text)
    {
        if (!HasScheme(text) || !Uri.TryCreate(text, UriKind.Absolute, out var uri) || HasSpaceOrControl(text))
        {
            return "must be an absolute http or https URI (got \"" + text + "\")";
        }

        if (uri.Scheme is not ("http" or "https"))
        {
            return "scheme must be http or https (got \"" + uri.Scheme + "\")";
        }

        return uri.Host.Length == 0 ? "must have a host" : null;
    }

    /// <summary>Whether <paramref name="text"/> is a URI-reference (absolute or relative, RFC 3986).</summary>
    public static bool IsUriReference(string text) =>
        !HasSpaceOrControl(text)
        && (HasScheme(text) ? Uri.TryCreate(text, UriKind.Absolute, out _) : Uri.TryCreate(text, UriKind.Relative, out _));

    private static bool HasSpaceOrControl(string text) => text.Any(c => c <= ' ' || c == '\u007f');

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9+.-]*:")]
    private static partial Regex Scheme();
}
