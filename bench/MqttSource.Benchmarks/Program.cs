using System.Globalization;
using BenchmarkDotNet.Running;

namespace MqttSource.Benchmarks;

internal static class Program
{
    private static async Task Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "client-throughput")
        {
            var count = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 100_000;
            await ClientThroughput.RunAsync(count);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
