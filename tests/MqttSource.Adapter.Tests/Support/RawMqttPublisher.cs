using System.Net.Sockets;
using System.Text;

namespace MqttSource.Adapter.Tests.Support;

/// <summary>
/// A hostile MQTT 5 publisher on a raw socket: it writes packets byte by byte, so it can send what no well-behaved client
/// library would (e.g. invalid UTF-8 in a user property).
/// </summary>
internal static class RawMqttPublisher
{
    /// <summary>Connects, publishes one QoS 1 message whose user property <paramref name="propertyName"/> has the raw value bytes, and returns what the broker answered (PUBACK 0x40, or nothing when it hung up).</summary>
    public static async Task<byte?> PublishWithRawUserPropertyAsync(string host, int port, string topic, string propertyName, byte[] rawValue, string payload)
    {
        using var client = new TcpClient();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await client.ConnectAsync(host, port, limit.Token);
        var stream = client.GetStream();

        var clientId = Encoding.UTF8.GetBytes("hostile-" + Guid.NewGuid().ToString("N")[..8]);
        byte[] connectBody = [0, 4, (byte)'M', (byte)'Q', (byte)'T', (byte)'T', 5, 0x02, 0, 60, 0, .. Str(clientId)];
        await stream.WriteAsync(Packet(0x10, connectBody), limit.Token);
        var connAck = await ReadPacketAsync(stream, limit.Token);
        if (connAck is not { Type: 0x20 })
        {
            throw new InvalidOperationException("the broker did not accept the raw CONNECT");
        }

        byte[] property = [0x26, .. Str(Encoding.UTF8.GetBytes(propertyName)), .. Str(rawValue)];
        byte[] publishBody = [.. Str(Encoding.UTF8.GetBytes(topic)), 0, 1, .. VarInt(property.Length), .. property, .. Encoding.UTF8.GetBytes(payload)];
        await stream.WriteAsync(Packet(0x32, publishBody), limit.Token);
        var answer = await ReadPacketAsync(stream, limit.Token);
        return answer?.Type;
    }

    private static byte[] Str(byte[] bytes) => [(byte)(bytes.Length >> 8), (byte)bytes.Length, .. bytes];

    private static byte[] VarInt(int value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value % 128);
            value /= 128;
            bytes.Add(value > 0 ? (byte)(b | 0x80) : b);
        }
        while (value > 0);
        return [.. bytes];
    }

    private static byte[] Packet(byte header, byte[] body) => [header, .. VarInt(body.Length), .. body];

    private static async Task<(byte Type, byte[] Body)?> ReadPacketAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var one = new byte[1];
        try
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                return null;
            }

            var type = (byte)(one[0] & 0xF0);
            int length = 0, shift = 0;
            do
            {
                if (await stream.ReadAsync(one, cancellationToken) == 0)
                {
                    return null;
                }

                length |= (one[0] & 0x7F) << shift;
                shift += 7;
            }
            while ((one[0] & 0x80) != 0);
            var body = new byte[length];
            await stream.ReadExactlyAsync(body, cancellationToken);
            return (type, body);
        }
        catch (IOException)
        {
            return null; // reset: the broker hung up
        }
    }
}
