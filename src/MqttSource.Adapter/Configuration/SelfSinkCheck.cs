using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace MqttSource.Adapter.Configuration;

/// <summary>
/// Tells whether a sink URL is the adapter's own listener for <c>/health</c>, <c>/readiness</c> and <c>/metrics</c>: the same
/// port and an address the adapter listens on — loopback (<c>localhost</c> included), the unspecified address (which
/// connects to loopback), this machine's host name or one of its interface addresses. Events posted there come back as
/// 404, are retried for ever, and whichever of the adapter and the real sink starts second cannot bind. Host names other
/// than <c>localhost</c> and this machine's own are not resolved: start-up must not wait on DNS at the edge.
/// </summary>
internal sealed class SelfSinkCheck(Func<IReadOnlyCollection<string>> hostNames, Func<IReadOnlyCollection<IPAddress>> interfaceAddresses)
{
    private static readonly IPAddress[] s_loopback = [IPAddress.Loopback, IPAddress.IPv6Loopback];
    private readonly Lazy<IReadOnlyCollection<string>> _hostNames = new(hostNames);
    private readonly Lazy<IReadOnlyCollection<IPAddress>> _interfaceAddresses = new(interfaceAddresses);

    /// <summary>The check with given host names and interface addresses.</summary>
    public SelfSinkCheck(IReadOnlyCollection<string> hostNames, IReadOnlyCollection<IPAddress> interfaceAddresses)
        : this(() => hostNames, () => interfaceAddresses)
    {
    }

    /// <summary>The check with this machine's host names and interface addresses (looked up only when a sink uses the probe port).</summary>
    public static SelfSinkCheck ForThisMachine() => new(OwnHostNames, OwnInterfaceAddresses);

    /// <summary>True when <paramref name="url"/> reaches the listener bound to <paramref name="httpHost"/>:<paramref name="httpPort"/>.</summary>
    public bool IsOwnListener(Uri url, string httpHost, int httpPort)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (httpPort == 0 || url.Port != httpPort)
        {
            return false; // port 0: the kernel picks a free port, which no running sink can hold
        }

        var target = Resolve(url.IdnHost, asListener: false);
        if (target is null)
        {
            return false;
        }

        var listener = Resolve(httpHost, asListener: true);
        if (listener is null)
        {
            return false;
        }

        if (listener.Count == 0 || target.Count == 0)
        {
            return true; // an empty set stands for "every address of this machine"
        }

        return target.Any(listener.Contains);
    }

    /// <summary>
    /// The addresses a host stands for on this machine: null when it is not this machine (as far as names tell), an empty
    /// set for "every local address" (a wildcard listener, or this machine's host name as a target).
    /// </summary>
    private HashSet<IPAddress>? Resolve(string host, bool asListener)
    {
        var name = host.Trim().TrimStart('[').TrimEnd(']').TrimEnd('.');
        if (name.Length == 0 || name is "*" or "+")
        {
            return asListener ? [] : null;
        }

        if (IPAddress.TryParse(name, out var address))
        {
            if (address.IsIPv4MappedToIPv6)
            {
                address = address.MapToIPv4();
            }

            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                // Listening on it means every address; connecting to it reaches loopback.
                return asListener ? [] : [.. s_loopback];
            }

            return IPAddress.IsLoopback(address) || _interfaceAddresses.Value.Contains(address) ? [address] : null;
        }

        if (name.Equals("localhost", StringComparison.OrdinalIgnoreCase) || name.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return [.. s_loopback];
        }

        if (_hostNames.Value.Contains(name, StringComparer.OrdinalIgnoreCase))
        {
            return asListener ? [] : [.. _interfaceAddresses.Value.Where(a => !IPAddress.IsLoopback(a))];
        }

        return null;
    }

    private static IReadOnlyCollection<string> OwnHostNames()
    {
        var names = new List<string> { Environment.MachineName };
        try
        {
            names.Add(Dns.GetHostName());
            var domain = IPGlobalProperties.GetIPGlobalProperties().DomainName;
            if (!string.IsNullOrEmpty(domain))
            {
                names.AddRange(names.Select(n => n + "." + domain).ToList());
            }
        }
        catch (Exception ex) when (ex is SocketException or NetworkInformationException or PlatformNotSupportedException)
        {
            // The machine name alone is still checked.
        }

        return [.. names.Where(n => n.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)];
    }

    private static IReadOnlyCollection<IPAddress> OwnInterfaceAddresses()
    {
        try
        {
            return [.. NetworkInterface.GetAllNetworkInterfaces()
                .SelectMany(i => i.GetIPProperties().UnicastAddresses)
                .Select(u => u.Address.IsIPv4MappedToIPv6 ? u.Address.MapToIPv4() : u.Address)
                .Select(a => a.AddressFamily == AddressFamily.InterNetworkV6 && a.ScopeId != 0 ? new IPAddress(a.GetAddressBytes()) : a)];
        }
        catch (Exception ex) when (ex is NetworkInformationException or PlatformNotSupportedException)
        {
            return [];
        }
    }
}
