using System.Buffers.Text;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace MqttSource.Benchmarks;

/// <summary>
/// A do-nothing loopback sink for the end-to-end benchmark, run as its own process: answers 202, and counts numbered
/// payloads ("NNNNNNNNNN TTTTTTTTTTTTTTTTTTT ...": sequence number and send time in UTC ticks) for lost, duplicates and latency.
/// GET /stats returns the counters; GET /reset?n=COUNT clears them.
/// </summary>
internal static class BenchSink
{
    private static readonly Lock Gate = new();
    private static bool[] _seen = new bool[1];
    private static long _requests;
    private static long _distinct;
    private static long _duplicates;
    private static long _firstTicks;
    private static long _lastTicks;
    private static List<double> _latenciesMs = [];

    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.Run(HandleAsync);
        await app.RunAsync();
    }

    private static async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        if (request.Method == "GET")
        {
            if (request.Path == "/reset")
            {
                Reset(int.Parse(request.Query["n"].ToString(), CultureInfo.InvariantCulture));
                return;
            }

            await context.Response.WriteAsync(Stats());
            return;
        }

        var buffer = new byte[64];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await request.Body.ReadAsync(buffer.AsMemory(read))) > 0)
        {
            read += n;
        }

        var rest = new byte[256];
        while (await request.Body.ReadAsync(rest) > 0)
        {
        }

        var now = DateTime.UtcNow.Ticks;
        Interlocked.Increment(ref _requests);
        if (read >= 30 && Utf8Parser.TryParse(buffer.AsSpan(0, 10), out long seq, out var used1) && used1 == 10 &&
            Utf8Parser.TryParse(buffer.AsSpan(11, 19), out long sent, out var used2) && used2 == 19)
        {
            lock (Gate)
            {
                if (seq < _seen.Length && !_seen[seq])
                {
                    _seen[seq] = true;
                    _distinct++;
                }
                else
                {
                    _duplicates++;
                }

                if (_firstTicks == 0)
                {
                    _firstTicks = now;
                }

                _lastTicks = now;
                _latenciesMs.Add((now - sent) / 10_000.0);
            }
        }

        context.Response.StatusCode = 202;
    }

    private static void Reset(int count)
    {
        lock (Gate)
        {
            _seen = new bool[count];
            _distinct = 0;
            _duplicates = 0;
            _requests = 0;
            _firstTicks = 0;
            _lastTicks = 0;
            _latenciesMs = new List<double>(count);
        }
    }

    private static string Stats()
    {
        lock (Gate)
        {
            var sorted = _latenciesMs.ToArray();
            Array.Sort(sorted);
            double P(double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
            return string.Create(CultureInfo.InvariantCulture, $"{_requests} {_distinct} {_duplicates} {_firstTicks} {_lastTicks} {P(0.5)} {P(0.99)}");
        }
    }

    /// <summary>A 100-byte payload: sequence number, send time, padding.</summary>
    public static byte[] Payload(long sequence)
    {
        var text = string.Create(CultureInfo.InvariantCulture, $"{sequence:D10} {DateTime.UtcNow.Ticks:D19} ");
        var payload = new byte[100];
        Encoding.ASCII.GetBytes(text, payload);
        payload.AsSpan(text.Length).Fill((byte)'x');
        return payload;
    }
}
