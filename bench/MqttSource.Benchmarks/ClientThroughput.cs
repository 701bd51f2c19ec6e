using System.Diagnostics;
using System.Globalization;
using MqttSource.Mqtt;
using MqttSource.Mqtt.Client;
using MqttSource.Mqtt.Options;
using MqttSource.Testing.Mosquitto;

namespace MqttSource.Benchmarks;

/// <summary>
/// Receive throughput of our client against a local Mosquitto, next to mosquitto_sub on the same backlog.
/// A backlog of N 100-byte messages is queued in a persistent session while the subscriber is offline, then drained:
/// the publisher does not compete for the two cores while we measure.
/// </summary>
internal static class ClientThroughput
{
    public static async Task RunAsync(int count)
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            MaxQueuedMessages = 0,
            MaxInflightMessages = 1000,
            QueueQos0Messages = true,
            ExtraConfig = "log_type error\nlog_type warning",
        });
        Console.WriteLine($"backlog of {count:N0} x 100-byte messages, mosquitto on {broker.Url}");
        foreach (var qos in new[] { MqttQualityOfServiceLevel.AtMostOnce, MqttQualityOfServiceLevel.AtLeastOnce })
        {
            var ours = await MeasureOursAsync(broker, count, qos, MqttProtocolVersion.V311);
            var ours5 = await MeasureOursAsync(broker, count, qos, MqttProtocolVersion.V500);
            var tool = await MeasureMosquittoSubAsync(broker, count, qos);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"QoS {(int)qos}: MqttSource client {ours:N0} msg/s (MQTT 3.1.1), {ours5:N0} msg/s (MQTT 5); mosquitto_sub (3.1.1) {tool:N0} msg/s; ratio {ours / tool:P0}"));
        }
    }

    private static MqttClientOptions Options(MosquittoBroker broker, string id, MqttProtocolVersion version) => new MqttClientOptionsBuilder()
        .WithTcpServer(broker.Host, broker.Port)
        .WithProtocolVersion(version)
        .WithClientId(id)
        .WithPersistentSession(TimeSpan.FromHours(1))
        .WithReceiveMaximum(1000)
        .WithMaximumOutgoingInflight(1000)
        .Build();

    private static async Task FillBacklogAsync(MosquittoBroker broker, string topic, int count, MqttQualityOfServiceLevel qos)
    {
        await using var pub = new MqttClient(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-pub").WithMaximumOutgoingInflight(1000).Build());
        await pub.ConnectAsync();
        var payload = new byte[100];
        var pending = new List<Task>(count);
        for (var i = 0; i < count; i++)
        {
            var text = i.ToString("D10", CultureInfo.InvariantCulture);
            var p = (byte[])payload.Clone();
            System.Text.Encoding.ASCII.GetBytes(text, p);
            pending.Add(pub.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = p, QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce }));
        }

        await Task.WhenAll(pending);
        await pub.DisconnectAsync();
        _ = qos;
    }

    private static async Task<double> MeasureOursAsync(MosquittoBroker broker, int count, MqttQualityOfServiceLevel qos, MqttProtocolVersion version)
    {
        var id = $"ours-{(int)qos}-{version}";
        var topic = $"bench/ours/{(int)qos}/{version}";
        await using (var setup = new MqttClient(Options(broker, id, version)))
        {
            await setup.ConnectAsync();
            await setup.SubscribeAsync(topic, qos);
            await setup.DisconnectAsync();
        }

        await FillBacklogAsync(broker, topic, count, qos);
        await using var client = new MqttClient(Options(broker, id, version));
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.ApplicationMessageReceivedAsync += _ =>
        {
            if (++received == count)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        var sw = Stopwatch.StartNew();
        await client.ConnectAsync();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(2));
        sw.Stop();
        await client.DisconnectAsync();
        return count / sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureMosquittoSubAsync(MosquittoBroker broker, int count, MqttQualityOfServiceLevel qos)
    {
        var id = $"tool-{(int)qos}";
        var topic = $"bench/tool/{(int)qos}";
        string Args(int c) => string.Create(CultureInfo.InvariantCulture, $"-h {broker.Host} -p {broker.Port} -i {id} -c -q {(int)qos} -t {topic} -C {c}");

        // Create the persistent session: subscribe, receive one message, exit.
        using (var first = Start(Args(1)))
        {
            await Task.Delay(300);
            await using var pub = new MqttClient(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId("bench-pub0").Build());
            await pub.ConnectAsync();
            await pub.PublishAsync(new MqttApplicationMessage { Topic = topic, Payload = new byte[100], QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce });
            await first.WaitForExitAsync();
        }

        await FillBacklogAsync(broker, topic, count, qos);
        var sw = Stopwatch.StartNew();
        using var sub = Start(Args(count));
        var drain = sub.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        await sub.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        sw.Stop();
        await drain;
        return count / sw.Elapsed.TotalSeconds;
    }

    private static Process Start(string args) => Process.Start(new ProcessStartInfo("mosquitto_sub", args)
    {
        RedirectStandardOutput = true,
        UseShellExecute = false,
    }) ?? throw new InvalidOperationException("cannot start mosquitto_sub");
}
