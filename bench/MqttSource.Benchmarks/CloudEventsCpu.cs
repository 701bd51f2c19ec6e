using System.Diagnostics;
using System.Globalization;

namespace MqttSource.Benchmarks;

/// <summary>
/// The <see cref="CloudEventsBenchmarks"/> operations timed by process CPU time rather than wall-clock: on a shared,
/// loaded machine BenchmarkDotNet's wall-clock figures vary several-fold, CPU time much less. Each operation runs
/// 5 × 100,000 times after a warm-up; the best round is printed with the bytes allocated per operation.
/// </summary>
internal static class CloudEventsCpu
{
    public static void Run()
    {
        var benchmarks = new CloudEventsBenchmarks();
        benchmarks.Setup();
        Measure("AdapterConvertAndEncodeBinary", () => benchmarks.AdapterConvertAndEncodeBinary());
        Measure("HttpBinaryEncode", () => benchmarks.HttpBinaryEncode());
        Measure("HttpStructuredEncode", () => benchmarks.HttpStructuredEncode());
        Measure("SdkHttpStructuredEncode", () => benchmarks.SdkHttpStructuredEncode());
        Measure("StructuredJsonDecode", () => benchmarks.StructuredJsonDecode());
        Measure("MqttBinaryDecode", () => benchmarks.MqttBinaryDecode());
    }

    private static void Measure(string name, Action operation)
    {
        const int Rounds = 5, Operations = 100_000;
        for (var i = 0; i < 20_000; i++)
        {
            operation();
        }

        using var process = Process.GetCurrentProcess();
        var best = double.MaxValue;
        for (var round = 0; round < Rounds; round++)
        {
            process.Refresh();
            var start = process.TotalProcessorTime;
            for (var i = 0; i < Operations; i++)
            {
                operation();
            }

            process.Refresh();
            best = Math.Min(best, (process.TotalProcessorTime - start).TotalNanoseconds / Operations);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            operation();
        }

        allocated = (GC.GetAllocatedBytesForCurrentThread() - allocated) / 1000;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-32} {best,8:F0} ns CPU {allocated,7} B"));
    }
}
