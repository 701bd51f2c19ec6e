using System.Globalization;
using BenchmarkDotNet.Running;

namespace MqttSource.Benchmarks;

internal static class Program
{
    private static async Task Main(string[] args)
    {
        int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], CultureInfo.InvariantCulture) : fallback;
        switch (args.FirstOrDefault())
        {
            case "client-throughput":
                await ClientThroughput.RunAsync(Arg(1, 100_000));
                return;
            case "bench-sink":
                await BenchSink.RunAsync(Arg(1, 8090));
                return;
            case "cloudevents-cpu":
                CloudEventsCpu.Run();
                return;
            case "chaos":
                Environment.ExitCode = await Chaos.RunAsync(args[1..]);
                return;
            case "adapter-e2e":
                await AdapterEndToEnd.RunAsync(Arg(1, 100_000), Arg(2, 64));
                return;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return;
        }
    }
}
