using System.Diagnostics;
using System.Globalization;
using MqttSource.Mqtt;
using MqttSource.Mqtt.Client;
using MqttSource.Mqtt.Options;
using MqttSource.Testing;
using MqttSource.Testing.Mosquitto;

namespace MqttSource.Benchmarks;

/// <summary>
/// issue 5's benchmark: Mosquitto, a do-nothing sink (own process) and the Release adapter (own process), numbered 100-byte
/// QoS 1 messages over 100 device topics. Measures a live burst, the drain of a backlog queued in the adapter's persistent
/// session, latency at a steady 1k msg/s, CPU per 1k events and peak RSS; and, in the same run, the limits: a do-nothing
/// MQTT subscriber on the same burst and backlog, and the sink under wrk.
/// </summary>
internal static class AdapterEndToEnd
{
    private const int Topics = 100;
    private static readonly string Root = FindRoot();

    public static async Task RunAsync(int count, int parallelism)
    {
        await using var broker = await MosquittoBroker.StartAsync(new MosquittoOptions
        {
            MaxQueuedMessages = 0,
            MaxInflightMessages = 1000,
            ExtraConfig = "log_type error\nlog_type warning",
        });
        var sinkPort = TestPorts.GetFreeTcpPort();
        using var sink = StartDotnet(typeof(AdapterEndToEnd).Assembly.Location, $"bench-sink {sinkPort}");
        try
        {
            await RunWithSinkAsync(broker, sinkPort, count, parallelism);
        }
        finally
        {
            sink.Kill();
        }
    }

    private static async Task RunWithSinkAsync(MosquittoBroker broker, int sinkPort, int count, int parallelism)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{sinkPort}/") };
        await Eventually.WaitUntilAsync(async () => await TryGetAsync(http, "stats"), TimeSpan.FromSeconds(20), "bench sink up");

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count:N0} numbered 100-byte QoS 1 messages over {Topics} topics; adapter parallelism {parallelism}, ordering per topic"));
        var wrkRate = await MeasureWrkAsync(sinkPort);
        var subBurst = await MeasureSubscriberBurstAsync(broker, count);
        var subDrain = await MeasureSubscriberDrainAsync(broker, count);

        var lowerBurst = Math.Min(subBurst, wrkRate);
        var lowerDrain = Math.Min(subDrain, wrkRate);
        Console.WriteLine();
        Console.WriteLine("| measurement | figure |");
        Console.WriteLine("|---|---|");
        Row("limit: do-nothing MQTT subscriber, live burst", $"{subBurst:N0} msg/s");
        Row("limit: do-nothing MQTT subscriber, backlog drain", $"{subDrain:N0} msg/s");
        Row("limit: sink under wrk (binary CloudEvents, 32 connections)", $"{wrkRate:N0} req/s");

        // BENCH_ADAPTERS="before=/a/mqtt-source-adapter.dll;after=/b/mqtt-source-adapter.dll" measures several builds in the
        // same run, interleaved BENCH_ROUNDS times (default 1), against the same broker, sink and limits.
        var adapters = Adapters();
        var rounds = int.TryParse(Environment.GetEnvironmentVariable("BENCH_ROUNDS"), CultureInfo.InvariantCulture, out var r) && r > 0 ? r : 1;
        for (var round = 1; round <= rounds; round++)
        {
            foreach (var (label, dll) in adapters)
            {
                var name = adapters.Count == 1 && rounds == 1 ? "adapter" : $"adapter [{label}{(rounds > 1 ? $", round {round}" : string.Empty)}]";
                await MeasureAdapterAsync(broker, http, sinkPort, dll, name, count, parallelism, lowerBurst, lowerDrain);
            }
        }
    }

    private static List<(string Label, string Dll)> Adapters()
    {
        var configured = Environment.GetEnvironmentVariable("BENCH_ADAPTERS");
        if (string.IsNullOrWhiteSpace(configured))
        {
            return [("this build", Path.Combine(Root, "src/MqttSource.Adapter/bin/Release/net10.0/mqtt-source-adapter.dll"))];
        }

        return [.. configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(entry => entry.Split('=', 2) is [var label, var dll] ? (label, dll) : throw new ArgumentException($"BENCH_ADAPTERS entry '{entry}' is not label=path"))];
    }

    private static async Task MeasureAdapterAsync(MosquittoBroker broker, HttpClient http, int sinkPort, string dll, string name, int count, int parallelism, double lowerBurst, double lowerDrain)
    {
        var adapterPort = TestPorts.GetFreeTcpPort();
        var clientId = "bench-" + Guid.NewGuid().ToString("N")[..8];
        var adapterArgs = string.Create(CultureInfo.InvariantCulture,
            $"{dll} --broker {broker.Url} --topic bench/# --sink http://127.0.0.1:{sinkPort}/ --client-id {clientId} --parallelism {parallelism} --http-port {adapterPort} --http-host 127.0.0.1 --log-level warning");
        var adapter = await StartAdapterAsync(adapterArgs, adapterPort);
        var idleRss = Rss(adapter, "VmRSS");

        // Live burst.
        await ResetAsync(http, count);
        var cpu0 = CpuMs(adapter);
        var start = DateTime.UtcNow.Ticks;
        await PublishAsync(broker, "bench", count, ratePerSecond: 0);
        var burst = await WaitForSinkAsync(http, count, start);
        var cpuBurst = CpuMs(adapter) - cpu0;

        // Backlog drain: stop the adapter (graceful), queue the backlog, start it again.
        await SigTermAsync(adapter);
        await ResetAsync(http, count);
        await PublishAsync(broker, "bench", count, ratePerSecond: 0);
        var drainStart = DateTime.UtcNow.Ticks;
        adapter = await StartAdapterAsync(adapterArgs, adapterPort);
        var cpu1 = CpuMs(adapter);
        var drain = await WaitForSinkAsync(http, count, drainStart);
        var cpuDrain = CpuMs(adapter) - cpu1;

        // Steady 1k msg/s for latency.
        const int steady = 10_000;
        await ResetAsync(http, steady);
        var steadyStart = DateTime.UtcNow.Ticks;
        await PublishAsync(broker, "bench", steady, ratePerSecond: 1000);
        var latency = await WaitForSinkAsync(http, steady, steadyStart);
        var peakRss = Rss(adapter, "VmHWM");
        await SigTermAsync(adapter);
        adapter.Dispose();

        // End the adapter's persistent session, or the broker would queue every later message of the run for it.
        await using (var cleanup = new MqttClient(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port).WithClientId(clientId).WithCleanStart().Build()))
        {
            await cleanup.ConnectAsync();
            await cleanup.DisconnectAsync();
        }

        Row($"{name} live burst", $"{burst.Rate:N0} events/s = {burst.Rate / lowerBurst:P0} of the lower limit; lost {count - burst.Distinct}, duplicates {burst.Duplicates}");
        Row($"{name} backlog drain (from process start)", $"{drain.Rate:N0} events/s = {drain.Rate / lowerDrain:P0} of the lower limit; lost {count - drain.Distinct}, duplicates {drain.Duplicates}");
        Row($"{name} latency at 1k msg/s (publish → sink)", $"p50 {latency.P50:0.00} ms, p99 {latency.P99:0.00} ms; lost {steady - latency.Distinct}");
        Row($"{name} CPU per 1k events (burst / drain)", $"{cpuBurst * 1000.0 / count:0.0} ms / {cpuDrain * 1000.0 / count:0.0} ms");
        Row($"{name} RSS idle / peak", $"{idleRss / 1024.0:0.0} MB / {peakRss / 1024.0:0.0} MB");
    }

    private static void Row(string what, string figure) => Console.WriteLine($"| {what} | {figure} |");

    private static async Task<double> MeasureWrkAsync(int port)
    {
        var script = Path.Combine(Path.GetTempPath(), $"mqttsource-wrk-{port}.lua");
        await File.WriteAllTextAsync(script, """
            wrk.method = "POST"
            wrk.body = "0000000000 0000000000000000000 xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"
            wrk.headers["Content-Type"] = "application/json"
            wrk.headers["ce-specversion"] = "1.0"
            wrk.headers["ce-id"] = "bench"
            wrk.headers["ce-source"] = "/bench"
            wrk.headers["ce-type"] = "bench"
            """);
        using var wrk = Process.Start(new ProcessStartInfo("wrk", $"-t2 -c32 -d5s -s {script} http://127.0.0.1:{port}/") { RedirectStandardOutput = true })!;
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var line = output.Split('\n').FirstOrDefault(l => l.StartsWith("Requests/sec:", StringComparison.Ordinal));
        return line is null ? double.NaN : double.Parse(line["Requests/sec:".Length..].Trim(), CultureInfo.InvariantCulture);
    }

    private static async Task<double> MeasureSubscriberBurstAsync(MosquittoBroker broker, int count)
    {
        await using var sub = new MqttClient(SubscriberOptions(broker, "limit-burst"));
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sub.ApplicationMessageReceivedAsync += _ =>
        {
            if (++received == count)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        await sub.ConnectAsync();
        await sub.SubscribeAsync("limit/#");
        var sw = Stopwatch.StartNew();
        await PublishAsync(broker, "limit", count, 0);
        await done.Task.WaitAsync(TimeSpan.FromMinutes(3));
        return count / sw.Elapsed.TotalSeconds;
    }

    private static async Task<double> MeasureSubscriberDrainAsync(MosquittoBroker broker, int count)
    {
        await using (var setup = new MqttClient(SubscriberOptions(broker, "limit-drain")))
        {
            await setup.ConnectAsync();
            await setup.SubscribeAsync("backlog/#");
            await setup.DisconnectAsync();
        }

        await PublishAsync(broker, "backlog", count, 0);
        await using var sub = new MqttClient(SubscriberOptions(broker, "limit-drain"));
        var received = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        sub.ApplicationMessageReceivedAsync += _ =>
        {
            if (++received == count)
            {
                done.TrySetResult();
            }

            return Task.CompletedTask;
        };
        var sw = Stopwatch.StartNew();
        await sub.ConnectAsync();
        await done.Task.WaitAsync(TimeSpan.FromMinutes(3));
        return count / sw.Elapsed.TotalSeconds;
    }

    private static MqttClientOptions SubscriberOptions(MosquittoBroker broker, string id) => new MqttClientOptionsBuilder()
        .WithTcpServer(broker.Host, broker.Port).WithClientId(id).WithPersistentSession(TimeSpan.FromHours(1)).WithReceiveMaximum(1000).Build();

    /// <summary>Publishes numbered messages over <see cref="Topics"/> topics; ratePerSecond 0 = as fast as the broker acknowledges.</summary>
    private static async Task PublishAsync(MosquittoBroker broker, string prefix, int count, int ratePerSecond)
    {
        await using var pub = new MqttClient(new MqttClientOptionsBuilder().WithTcpServer(broker.Host, broker.Port)
            .WithClientId($"bench-pub-{prefix}").WithMaximumOutgoingInflight(1000).Build());
        await pub.ConnectAsync();
        var pending = new List<Task>(Math.Min(count, 100_000));
        var sw = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            if (ratePerSecond > 0)
            {
                var due = TimeSpan.FromSeconds((double)i / ratePerSecond);
                if (due > sw.Elapsed)
                {
                    await Task.Delay(due - sw.Elapsed);
                }
            }

            pending.Add(pub.PublishAsync(new MqttApplicationMessage
            {
                Topic = string.Create(CultureInfo.InvariantCulture, $"{prefix}/dev{i % Topics}"),
                Payload = BenchSink.Payload(i),
                QualityOfServiceLevel = MqttQualityOfServiceLevel.AtLeastOnce,
            }));
        }

        await Task.WhenAll(pending);
        await pub.DisconnectAsync();
    }

    private static async Task<(double Rate, long Distinct, long Duplicates, double P50, double P99)> WaitForSinkAsync(HttpClient http, int count, long startTicks)
    {
        string[] stats = [];
        var sw = Stopwatch.StartNew();
        long last = -1;
        var lastChange = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromMinutes(5))
        {
            stats = (await http.GetStringAsync("stats")).Split(' ');
            var distinct = long.Parse(stats[1], CultureInfo.InvariantCulture);
            if (distinct >= count || lastChange.Elapsed > TimeSpan.FromSeconds(30))
            {
                break;
            }

            if (distinct != last)
            {
                last = distinct;
                lastChange.Restart();
            }

            await Task.Delay(50);
        }

        var d = long.Parse(stats[1], CultureInfo.InvariantCulture);
        var lastTicks = long.Parse(stats[4], CultureInfo.InvariantCulture);
        var seconds = (lastTicks - startTicks) / 1e7;
        return (d / seconds, d, long.Parse(stats[2], CultureInfo.InvariantCulture), double.Parse(stats[5], CultureInfo.InvariantCulture), double.Parse(stats[6], CultureInfo.InvariantCulture));
    }

    private static async Task ResetAsync(HttpClient http, int count) => await http.GetStringAsync($"reset?n={count}");

    private static async Task<bool> TryGetAsync(HttpClient http, string path)
    {
        try
        {
            await http.GetStringAsync(path);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static async Task<Process> StartAdapterAsync(string args, int port)
    {
        var process = StartDotnet(null, args);
        using var http = new HttpClient();
        await Eventually.WaitUntilAsync(async () => await TryGetAsync(http, $"http://127.0.0.1:{port}/readiness") , TimeSpan.FromSeconds(30), "adapter ready");
        return process;
    }

    private static Process StartDotnet(string? dll, string args) => Process.Start(new ProcessStartInfo("dotnet", dll is null ? args : $"{dll} {args}")
    {
        UseShellExecute = false,
        RedirectStandardOutput = false,
    }) ?? throw new InvalidOperationException("cannot start dotnet");

    private static async Task SigTermAsync(Process process)
    {
        if (!process.HasExited)
        {
            using var kill = Process.Start("kill", $"-TERM {process.Id}");
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
    }

    private static double CpuMs(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalMilliseconds;
    }

    private static long Rss(Process process, string field)
    {
        var line = File.ReadLines($"/proc/{process.Id}/status").First(l => l.StartsWith(field + ":", StringComparison.Ordinal));
        return long.Parse(line[(field.Length + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static string FindRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "MqttSource.sln")))
        {
            dir = Path.GetDirectoryName(dir);
        }

        return dir ?? throw new InvalidOperationException("cannot find the repository root");
    }
}
