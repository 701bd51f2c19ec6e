using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MqttSource.Testing.Faults;

/// <summary>
/// A sink URL that only redirects (Kestrel on a free 127.0.0.1 port): every request is answered with
/// <see cref="StatusCode"/> (301, 307, 308 …) and an absolute <c>Location</c> — to the target after
/// <see cref="Hops"/> redirects along <c>/hop/k</c> on itself, or back to itself for ever when <see cref="Loop"/> is set.
/// The body is read and discarded; every request is recorded.
/// </summary>
public sealed class RedirectSink : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<RedirectedRequest> _requests = [];
    private readonly WebApplication _app;

    private RedirectSink(WebApplication app, int statusCode, Uri target, int hops, bool loop)
    {
        _app = app;
        StatusCode = statusCode;
        Target = target;
        Hops = hops;
        Loop = loop;
        _app.Run(HandleAsync);
    }

    /// <summary>The redirect status answered.</summary>
    public int StatusCode { get; }

    /// <summary>Where the last redirect points.</summary>
    public Uri Target { get; }

    /// <summary>How many redirects a request meets before the one to <see cref="Target"/> (1 = straight there).</summary>
    public int Hops { get; }

    /// <summary>Redirect to itself for ever (the target is never named).</summary>
    public bool Loop { get; }

    /// <summary><c>http://127.0.0.1:port/</c>.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<RedirectedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a redirector answering <paramref name="statusCode"/>, with <paramref name="hops"/> redirects before <paramref name="target"/>, or a loop.</summary>
    public static async Task<RedirectSink> StartAsync(int statusCode, Uri target, int hops = 1, bool loop = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentOutOfRangeException.ThrowIfLessThan(hops, 1);
        if (statusCode is < 300 or > 399)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "a 3xx status");
        }

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Listen(IPAddress.Loopback, 0);
        });
        var sink = new RedirectSink(builder.Build(), statusCode, target, hops, loop);
        await sink._app.StartAsync(cancellationToken).ConfigureAwait(false);
        var address = sink._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        sink.Url = new Uri(address.TrimEnd('/') + "/");
        return sink;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
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
    public override string ToString() => $"redirect sink {Url} ({StatusCode} -> {(Loop ? "itself" : Target.ToString())})";

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var length = 0L;
        var buffer = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            length += read;
        }

        var path = request.Path.Value ?? "/";
        lock (_gate)
        {
            _requests.Add(new RedirectedRequest(request.Method, path, request.Headers["ce-id"].FirstOrDefault(), length, DateTimeOffset.UtcNow));
        }

        var left = path.StartsWith("/hop/", StringComparison.Ordinal) && int.TryParse(path.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var k) ? k : Hops;
        var location = Loop ? Url
            : left > 1 ? new Uri(Url, string.Create(CultureInfo.InvariantCulture, $"hop/{left - 1}"))
            : Target;
        context.Response.StatusCode = StatusCode;
        context.Response.Headers.Location = location.AbsoluteUri;
    }
}
