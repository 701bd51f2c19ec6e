using System.Globalization;
using System.Text.RegularExpressions;
using MqttSource.Apis.Validation;

namespace MqttSource.Apis.Settings;

/// <summary>A parsed <c>spec.broker.url</c>: scheme, host and effective port.</summary>
/// <param name="Host">The host to connect to (IPv6 without brackets).</param>
/// <param name="Port">The port; 1883 (mqtt) or 8883 (mqtts) when the URL has none.</param>
/// <param name="UseTls">True for <c>mqtts://</c>.</param>
public sealed partial record BrokerAddress(string Host, int Port, bool UseTls)
{
    /// <summary>Default port of <c>mqtt://</c>.</summary>
    public const int PlainPort = 1883;

    /// <summary>Default port of <c>mqtts://</c>.</summary>
    public const int TlsPort = 8883;

    /// <summary>The URL as written after normalization, with the effective port: <c>mqtt://host:1883</c>.</summary>
    public override string ToString()
    {
        var host = Host.Contains(':', StringComparison.Ordinal) ? "[" + Host + "]" : Host;
        return string.Create(CultureInfo.InvariantCulture, $"{(UseTls ? "mqtts" : "mqtt")}://{host}:{Port}");
    }

    /// <summary>Parses <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string? url, out BrokerAddress? address, out string? error)
    {
        address = null;
        error = null;
        if (string.IsNullOrWhiteSpace(url))
        {
            error = "required, e.g. mqtt://mosquitto:1883 or mqtts://broker.example.com";
            return false;
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !UriText.HasScheme(url))
        {
            var port = PortText().Match(url);
            error = port.Success
                ? "port must be 1..65535 (got " + port.Groups[1].Value + ")"
                : "must be an absolute URL such as mqtt://mosquitto:1883 (got \"" + url + "\")";
            return false;
        }

        if (uri.Scheme is not ("mqtt" or "mqtts"))
        {
            error = "scheme must be mqtt or mqtts (got \"" + uri.Scheme + "\")";
            return false;
        }

        if (uri.Host.Length == 0)
        {
            error = "must have a host, e.g. mqtt://mosquitto:1883";
            return false;
        }

        if (uri.UserInfo.Length > 0)
        {
            error = "must not contain credentials; use spec.broker.auth with a Secret";
            return false;
        }

        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = "must not have a path, query or fragment";
            return false;
        }

        if (uri.Port == 0)
        {
            error = "port must be 1..65535 (got 0)";
            return false;
        }

        var tls = uri.Scheme == "mqtts";
        address = new BrokerAddress(uri.IdnHost, uri.Port > 0 ? uri.Port : tls ? TlsPort : PlainPort, tls);
        return true;
    }

    /// <summary>Parses <c>mqtt://host[:port]</c> or <c>mqtts://host[:port]</c>.</summary>
    /// <exception cref="FormatException">Not a broker URL.</exception>
    public static BrokerAddress Parse(string url) =>
        TryParse(url, out var address, out var error) ? address! : throw new FormatException(error);

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*:([0-9]{6,}|[7-9][0-9]{4}|6[6-9][0-9]{3}|65[6-9][0-9]{2}|655[4-9][0-9]|6553[6-9])(?:[/?#]|$)")]
    private static partial Regex PortText();
}
