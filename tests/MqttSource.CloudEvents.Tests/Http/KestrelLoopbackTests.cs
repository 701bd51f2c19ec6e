using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MqttSource.CloudEvents.Http;
using MqttSource.CloudEvents.Json;
using Xunit;
using MqttSource.Testing.CloudEvents;

namespace MqttSource.CloudEvents.Tests.Http;

/// <summary>A real Kestrel server on 127.0.0.1: events sent by our HTTP binding are read by our ASP.NET Core binding.</summary>
public sealed class KestrelLoopbackTests : IAsyncLifetime
{
    private const long MaxBodySize = 64 * 1024;
    private static readonly JsonEventFormatter Formatter = JsonEventFormatter.Instance;
    private readonly ConcurrentQueue<CloudEventReadResult> received = new();
    private WebApplication? app;
    private HttpClient? client;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        app = builder.Build();
        app.Run(async context =>
        {
            var result = await context.Request.ReadCloudEventsAsync(Formatter, maxBodySize: MaxBodySize, cancellationToken: context.RequestAborted);
            if (!result.Succeeded)
            {
                context.Response.StatusCode = result.StatusCode;
                await context.Response.WriteAsync(result.Error!, context.RequestAborted);
                return;
            }

            received.Enqueue(result);
            context.Response.StatusCode = StatusCodes.Status202Accepted;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        client = new HttpClient { BaseAddress = new Uri(address) };
    }

    public async Task DisposeAsync()
    {
        client?.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(ContentMode.Binary)]
    [InlineData(ContentMode.Structured)]
    public async Task Post_SingleEvent_ReceivedAndDecoded(ContentMode mode)
    {
        var sent = TestEvents.Full();
        sent["comment"] = "Grüße, \"friends\" 100% 😀";
        using var response = await client!.PostAsync("/", sent.ToHttpContent(mode, Formatter));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = Assert.Single(received);
        Assert.Equal(mode, result.Mode);
        var decoded = Assert.Single(result.Events);
        Assert.Equal(TestEvents.Extensions(sent).Select(text => text.Split(':')[0]), TestEvents.Extensions(decoded).Select(text => text.Split(':')[0]));
        Assert.Equal(sent["comment"], decoded["comment"]);
        Assert.Equal(sent.Id, decoded.Id);
        Assert.Equal(sent.Subject, decoded.Subject);
        Assert.Equal(sent.Time, decoded.Time);
        Assert.Equal(sent.Data!.Value.ToArray(), decoded.Data!.Value.ToArray());
        Assert.Equal(sent.DataContentType, decoded.DataContentType);
    }

    [Fact]
    public async Task Post_Batch_ReceivedAndDecoded()
    {
        var binary = TestEvents.Minimal();
        binary.DataContentType = "application/octet-stream";
        binary.Data = new byte[] { 0, 255, 1 };
        using var response = await client!.PostAsync("/", new[] { TestEvents.Full(), binary, TestEvents.Minimal() }.ToHttpContent(Formatter));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var result = Assert.Single(received);
        Assert.True(result.IsBatch);
        Assert.Equal(3, result.Events.Count);
        TestEvents.AssertEquivalent(binary, result.Events[1]);
    }

    [Fact]
    public async Task Post_InvalidEvent_400WithMessage()
    {
        using var content = new StringContent("""{"specversion":"1.0","id":"1"}""", Encoding.UTF8, "application/cloudevents+json");
        using var response = await client!.PostAsync("/", content);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("missing required attribute(s): source, type", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(received);
    }

    [Fact]
    public async Task Post_OverSizeLimit_413()
    {
        var big = TestEvents.Minimal();
        big.DataContentType = "application/octet-stream";
        big.Data = new byte[MaxBodySize + 1];
        using var response = await client!.PostAsync("/", big.ToHttpContent(ContentMode.Binary, Formatter));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }
}
