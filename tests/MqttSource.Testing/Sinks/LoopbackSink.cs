using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MqttSource.Testing.CloudEvents;

namespace MqttSource.Testing.Sinks;

/// <summary>
/// A real HTTP sink on 127.0.0.1 (Kestrel, any free port) for one test: records every request verbatim (method, path,
/// headers, body, arrival time), decodes it as a CloudEvent with the CloudEvents SDK's HTTP binding (so what the adapter sends
/// is checked by an independent reader), and answers as <see cref="Behaviour"/>
/// says (status, Retry-After, delay, hold). Start with <see cref="StartAsync"/>; dispose to stop.
/// </summary>
public sealed class LoopbackSink : IAsyncDisposable
{
    private const long MaxBodySize = 8 * 1024 * 1024;

    private readonly Lock _gate = new();
    private readonly List<SinkRequest> _requests = [];
    private readonly WebApplication _app;
    private TaskCompletionSource _held = NewHold();
    private Func<SinkRequest, SinkResponse> _behaviour = static _ => SinkResponse.Accepted;
    private int _concurrent;
    private int _maxConcurrent;

    private LoopbackSink(WebApplication app)
    {
        _app = app;
        _app.Run(HandleAsync);
    }

    /// <summary>The base URL, <c>http://127.0.0.1:port/</c> (<c>https://</c> with a server certificate).</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>How each request is answered (called once per request, on arrival). Default: 202 at once.</summary>
    public Func<SinkRequest, SinkResponse> Behaviour
    {
        get => Volatile.Read(ref _behaviour);
        set => Volatile.Write(ref _behaviour, value ?? throw new ArgumentNullException(nameof(value)));
    }

    /// <summary>Requests being answered right now.</summary>
    public int Concurrent => Volatile.Read(ref _concurrent);

    /// <summary>The most requests ever open at once.</summary>
    public int MaxConcurrent => Volatile.Read(ref _maxConcurrent);

    /// <summary>A snapshot of every request so far, in arrival order.</summary>
    public IReadOnlyList<SinkRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>The requests answered with 2xx so far, in arrival order.</summary>
    public IReadOnlyList<SinkRequest> AcceptedRequests => [.. Requests.Where(r => r.Accepted)];

    /// <summary>Starts a sink on a free loopback port.</summary>
    public static Task<LoopbackSink> StartAsync(CancellationToken cancellationToken = default) => StartAsync(new LoopbackSinkOptions(), cancellationToken);

    /// <summary>Starts a sink on a free loopback port, with TLS or HTTP/2 only as <paramref name="options"/> say.</summary>
    public static async Task<LoopbackSink> StartAsync(LoopbackSinkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxBodySize;
            k.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = options.Http2Only ? HttpProtocols.Http2 : HttpProtocols.Http1AndHttp2;
                if (options.ServerCertificate is { } certificate)
                {
                    listen.UseHttps(certificate);
                }
            });
        });
        var sink = new LoopbackSink(builder.Build());
        await sink._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = sink._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Url = new Uri(address.TrimEnd('/') + "/");
        return sink;
    }

    /// <summary>Answers <paramref name="statusCode"/> to every request arriving within <paramref name="duration"/> from now, then 202.</summary>
    public void FailFor(TimeSpan duration, int statusCode = 503, TimeSpan? retryAfter = null)
    {
        var until = DateTimeOffset.UtcNow + duration;
        Behaviour = r => r.ArrivedAt < until ? new SinkResponse { StatusCode = statusCode, RetryAfter = retryAfter } : SinkResponse.Accepted;
    }

    /// <summary>Answers <paramref name="statusCode"/> to the first <paramref name="count"/> requests from now on, then 202.</summary>
    public void FailFirst(int count, int statusCode = 503, TimeSpan? retryAfter = null)
    {
        var left = count;
        Behaviour = _ => Interlocked.Decrement(ref left) >= 0 ? new SinkResponse { StatusCode = statusCode, RetryAfter = retryAfter } : SinkResponse.Accepted;
    }

    /// <summary>Answers every request after a random delay up to <paramref name="maximum"/>.</summary>
    public void DelayRandomly(TimeSpan maximum, int? seed = null)
    {
        var random = seed is { } s ? new Random(s) : new Random();
        var gate = new Lock();
        Behaviour = _ =>
        {
            lock (gate)
            {
                return new SinkResponse { Delay = TimeSpan.FromTicks((long)(random.NextDouble() * maximum.Ticks)) };
            }
        };
    }

    /// <summary>Holds every request from now on (no answer) until <see cref="Release"/>; the client sees a stuck sink.</summary>
    public void Hold()
    {
        var held = _held.Task;
        Behaviour = _ => new SinkResponse { WaitFor = held };
    }

    /// <summary>Answers the held requests with 202 and returns to answering at once.</summary>
    public void Release()
    {
        Behaviour = static _ => SinkResponse.Accepted;
        Interlocked.Exchange(ref _held, NewHold()).TrySetResult();
    }

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="match"/> (default: answered 2xx) were recorded.</summary>
    public Task WaitForCountAsync(int count, TimeSpan timeout, Func<SinkRequest, bool>? match = null, CancellationToken cancellationToken = default)
    {
        match ??= static r => r.Accepted;
        return Eventually.WaitUntilAsync(
            () => Count(match) >= count,
            timeout,
            $"the sink {Url} recorded {count} matching requests (has {Count(match)} of {Requests.Count})",
            cancellationToken: cancellationToken);
    }

    /// <summary>How many requests match <paramref name="match"/>.</summary>
    public int Count(Func<SinkRequest, bool> match)
    {
        lock (_gate)
        {
            return _requests.Count(match);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        _held.TrySetResult();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _app.StopAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Open connections are cut.
        }

        await _app.DisposeAsync().ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override string ToString() => $"loopback sink {Url}";

    private static TaskCompletionSource NewHold() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task HandleAsync(HttpContext context)
    {
        var arrived = DateTimeOffset.UtcNow;
        var open = Interlocked.Increment(ref _concurrent);
        int seen;
        while (open > (seen = Volatile.Read(ref _maxConcurrent)) && Interlocked.CompareExchange(ref _maxConcurrent, open, seen) != seen)
        {
        }

        try
        {
            await HandleCoreAsync(context, arrived).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _concurrent);
        }
    }

    private async Task HandleCoreAsync(HttpContext context, DateTimeOffset arrived)
    {
        var request = context.Request;
        var aborted = context.RequestAborted;
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, aborted).ConfigureAwait(false);
        var body = buffer.ToArray();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in request.Headers)
        {
            headers[name.ToLowerInvariant()] = values.ToString();
        }

        SinkRequest recorded;
        lock (_gate)
        {
            recorded = new SinkRequest(_requests.Count, request.Method, request.Path + request.QueryString, headers, body, arrived) { Protocol = request.Protocol };
            _requests.Add(recorded);
        }

        (recorded.Event, recorded.Mode, recorded.DecodeError) = await SdkHttpReader.ReadAsync(request.Headers, body).ConfigureAwait(false);

        var answer = Behaviour(recorded);
        try
        {
            if (answer.Delay > TimeSpan.Zero)
            {
                await Task.Delay(answer.Delay, aborted).ConfigureAwait(false);
            }

            if (answer.WaitFor is { } wait)
            {
                await wait.WaitAsync(aborted).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            return; // the client went away: nothing answered
        }

        var response = context.Response;
        response.StatusCode = answer.StatusCode;
        if (answer.RetryAfter is { } retryAfter)
        {
            response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (answer.Location is { } location)
        {
            response.Headers.Location = location.OriginalString;
        }

        recorded.StatusCode = answer.StatusCode;
        if (answer.Body is { } text)
        {
            await response.WriteAsync(text, aborted).ConfigureAwait(false);
        }
    }
}
