using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;

namespace MqttSource.EventDisplay.Http;

/// <summary>
/// The live page: <c>GET /</c> (HTML), <c>/app.js</c> and <c>/app.css</c>, embedded in the assembly so
/// nothing is fetched from anywhere else. A strict Content-Security-Policy allows only this server.
/// </summary>
internal sealed class PageEndpoint
{
    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private readonly FrozenDictionary<string, (byte[] Content, string ContentType)> files;

    public PageEndpoint()
    {
        files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal)
        {
            ["/"] = (Load("index.html"), "text/html; charset=utf-8"),
            ["/app.js"] = (Load("app.js"), "text/javascript; charset=utf-8"),
            ["/app.css"] = (Load("app.css"), "text/css; charset=utf-8"),
        }.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The paths served.</summary>
    public IEnumerable<string> Paths => files.Keys;

    public Task HandleAsync(HttpContext context)
    {
        var (content, contentType) = files[context.Request.Path.Value ?? "/"];
        var response = context.Response;
        response.ContentType = contentType;
        response.ContentLength = content.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(content, context.RequestAborted).AsTask();
    }

    private static byte[] Load(string name)
    {
        using var stream = typeof(PageEndpoint).Assembly.GetManifestResourceStream("page/" + name)
            ?? throw new InvalidOperationException($"The page resource '{name}' is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
