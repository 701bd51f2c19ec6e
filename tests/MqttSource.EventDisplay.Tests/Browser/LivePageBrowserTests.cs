using System.Net;
using CloudNative.CloudEvents;
using MqttSource.EventDisplay.Tests.Support;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Browser;

/// <summary>The live page in a real (headless) Chromium: an event posted after the page loaded shows up in it.</summary>
public sealed class LivePageBrowserTests
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task LivePage_EventPostedAfterLoad_AppearsAndExpandsAndFilters()
    {
        var chromiumPath = HeadlessChromium.FindExecutable();
        Assert.True(chromiumPath is not null, "Chromium is not installed: run scripts/test.sh (it installs the Debian 'chromium' package) or apt-get install chromium.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var token = timeout.Token;
        await using var display = await RunningDisplay.StartAsync();
        using (var before = await display.Client.PostAsync(SampleEvents.Json("before-load", "com.example.early"), ContentMode.Binary))
        {
            Assert.Equal(HttpStatusCode.Accepted, before.StatusCode);
        }

        await using var chromium = await HeadlessChromium.StartAsync(chromiumPath, display.BaseAddress, token);
        await using var page = await DevToolsPage.ConnectAsync(await chromium.FindPageAsync(display.BaseAddress.AbsoluteUri, token), token);
        await page.WaitUntilAsync("document.body !== null && document.body.dataset.state === 'live'", StepTimeout, "the page's event stream is open", token);
        await page.WaitUntilAsync(RowExists("before-load"), StepTimeout, "the page shows the event kept from before it loaded", token);

        var posted = SampleEvents.Json("after-load-7f3a", "com.example.late");
        using (var response = await display.Client.PostAsync(posted, ContentMode.Binary))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await page.WaitUntilAsync(RowExists("after-load-7f3a"), StepTimeout, "the event posted after load appears in the table", token);
        var cells = await page.EvaluateAsync(
            "Array.from(document.querySelector('tr.event').cells).map(c => c.textContent).join('|')", token);
        Assert.Equal("com.example.late|/sensors/tenant/42|room/kitchen|after-load-7f3a", cells.GetString()![(cells.GetString()!.IndexOf('|', StringComparison.Ordinal) + 1)..]);

        await page.EvaluateAsync("document.querySelector('tr.event').click(), true", token);
        var detail = await page.EvaluateAsync("document.querySelector('tr.detail pre.data').textContent", token);
        Assert.Equal("{\n  \"temperature\": 21.5,\n  \"tags\": [\n    \"a\",\n    \"b\"\n  ],\n  \"empty\": {}\n}", detail.GetString());

        await page.EvaluateAsync("(() => { const f = document.getElementById('filter'); f.value = 'EARLY'; f.dispatchEvent(new Event('input')); return true; })()", token);
        var visible = await page.EvaluateAsync("Array.from(document.querySelectorAll('tr.event')).filter(r => !r.hidden).map(r => r.dataset.id).join(',')", token);
        Assert.Equal("before-load", visible.GetString());
    }

    private static string RowExists(string id) =>
        $"Array.from(document.querySelectorAll('tr.event')).some(r => r.dataset.id === '{id}')";
}
