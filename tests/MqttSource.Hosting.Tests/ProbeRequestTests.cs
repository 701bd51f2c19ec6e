using System.Text;
using MqttSource.Hosting;

namespace MqttSource.Hosting.Tests;

public sealed class ProbeRequestTests
{
    private static ProbeRequest? Parse(string head) => ProbeRequest.Parse(Encoding.Latin1.GetBytes(head));

    [Theory]
    [InlineData("GET /readiness HTTP/1.1\r\nHost: x", "GET", "/readiness", true, false)]
    [InlineData("HEAD /health HTTP/1.1", "HEAD", "/health", true, false)]
    [InlineData("GET /metrics?name[]=x HTTP/1.1\r\nAccept: text/plain", "GET", "/metrics", true, false)]
    [InlineData("GET http://10.0.0.1:8080/readiness HTTP/1.1", "GET", "/readiness", true, false)]
    [InlineData("GET /health HTTP/1.0", "GET", "/health", false, false)]
    [InlineData("GET /health HTTP/1.1\r\nconnection:  Close ", "GET", "/health", false, false)]
    [InlineData("GET /health HTTP/1.1\r\nConnection: keep-alive", "GET", "/health", true, false)]
    [InlineData("POST /health HTTP/1.1\r\nContent-Length: 5", "POST", "/health", true, true)]
    [InlineData("POST /health HTTP/1.1\r\nContent-Length: 0", "POST", "/health", true, false)]
    [InlineData("PUT /health HTTP/1.1\r\nTransfer-Encoding: chunked", "PUT", "/health", true, true)]
    public void Parse_RequestHead_MethodPathAndConnection(string head, string method, string path, bool keepAlive, bool hasBody)
    {
        Assert.Equal(new ProbeRequest(method, path, keepAlive, hasBody), Parse(head));
    }

    [Theory]
    [InlineData("")]
    [InlineData("GET")]
    [InlineData("GET /health")]
    [InlineData("GET /health HTTP/2.0")]
    [InlineData("GET  /health HTTP/1.1")]
    [InlineData("GET /a b HTTP/1.1")]
    [InlineData("G(T /health HTTP/1.1")]
    [InlineData("GET health HTTP/1.1")]
    [InlineData("GET ftp://x/health HTTP/1.1")]
    [InlineData("GET /h\u00e9alth HTTP/1.1")]
    [InlineData("GET /health HTTP/1.1\r\nno colon here")]
    [InlineData("GET /health HTTP/1.1\r\n folded: line")]
    [InlineData("GET /health HTTP/1.1\r\n: empty name")]
    [InlineData("\u0016\u0003\u0001\u0002\u0000\u0001")]
    public void Parse_NotAnHttp1RequestHead_Null(string head)
    {
        Assert.Null(Parse(head));
    }

    [Fact]
    public void Parse_RandomBytes_NeverThrows()
    {
        var random = new Random(1234);
        for (var i = 0; i < 20_000; i++)
        {
            var bytes = new byte[random.Next(0, 64)];
            random.NextBytes(bytes);
            if (random.Next(3) == 0)
            {
                "GET / HTTP/1.1\r\n"u8[..Math.Min(bytes.Length, 16)].CopyTo(bytes);
            }

            _ = ProbeRequest.Parse(bytes);
        }
    }
}
