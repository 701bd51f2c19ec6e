using System.Globalization;
using System.Text.RegularExpressions;

namespace MqttSource.Adapter.Tests.Support;

/// <summary>Reads packet flow out of a Mosquitto log written with <c>log_type all</c>.</summary>
internal static partial class BrokerLog
{
    /// <summary>Packet ids of QoS 1 PUBLISH packets sent to <paramref name="clientId"/>, first sends only (no DUP), in log order.</summary>
    public static List<int> PublishesSentTo(string log, string clientId) =>
        [.. log.Split('\n')
            .Select(l => SentPublish().Match(l))
            .Where(m => m.Success && m.Groups["client"].Value == clientId)
            .Select(m => int.Parse(m.Groups["mid"].Value, CultureInfo.InvariantCulture))];

    /// <summary>Packet ids of the PUBACKs received from <paramref name="clientId"/>, in log order.</summary>
    public static List<int> PubAcksFrom(string log, string clientId) =>
        [.. log.Split('\n')
            .Select(l => ReceivedPubAck().Match(l))
            .Where(m => m.Success && m.Groups["client"].Value == clientId)
            .Select(m => int.Parse(m.Groups["mid"].Value, CultureInfo.InvariantCulture))];

    [GeneratedRegex(@"Sending PUBLISH to (?<client>\S+) \(d0, q1, r\d, m(?<mid>\d+),")]
    private static partial Regex SentPublish();

    [GeneratedRegex(@"Received PUBACK from (?<client>\S+) \(Mid: (?<mid>\d+)")]
    private static partial Regex ReceivedPubAck();
}
