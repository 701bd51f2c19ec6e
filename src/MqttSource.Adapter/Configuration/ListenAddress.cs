using System.Net;

namespace MqttSource.Adapter.Configuration;

/// <summary>
/// <c>--http-host</c>: an IPv4 or IPv6 address (brackets allowed), <c>localhost</c> (127.0.0.1), or <c>*</c> / <c>+</c>
/// (every address, IPv6 and IPv4). Host names other than localhost are refused: a listener binds addresses, not names.
/// </summary>
internal static class ListenAddress
{
    public static IPAddress? Parse(string host) => host switch
    {
        "*" or "+" => System.Net.Sockets.Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any,
        _ when host.Equals("localhost", StringComparison.OrdinalIgnoreCase) => IPAddress.Loopback,
        ['[', .. var inner, ']'] => IPAddress.TryParse(inner, out var v6) && v6.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? v6 : null,
        _ => host.AsSpan().IndexOfAny('.', ':') >= 0 && IPAddress.TryParse(host, out var address) ? address : null,
    };
}
