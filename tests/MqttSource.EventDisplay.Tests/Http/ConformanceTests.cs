using System.Buffers;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using MqttSource.EventDisplay.Http;
using MqttSource.EventDisplay.Tests.Support;
using MqttSource.Testing.CloudEvents;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Http;

/// <summary>
/// The CloudEvents JSON conformance cases replayed against event-display: through the reader (with the sample extension
/// attributes, so typed values are checked too) and as real structured and batch requests.
/// </summary>
public sealed class ConformanceTests(SharedDisplay shared) : IClassFixture<SharedDisplay>
{
    public static TheoryData<string, string, string> ValidEvents => ConformanceCases.ValidEvents;

    public static TheoryData<string, string> InvalidEvents => ConformanceCases.InvalidEvents;

    public static TheoryData<string, string, string[]> ValidBatches => ConformanceCases.ValidBatches;

    public static TheoryData<string, string> InvalidBatches => ConformanceCases.InvalidBatches;

    private static CloudEventReadResult Read(string contentType, string json)
    {
        var request = new DefaultHttpContext().Request;
        request.ContentType = contentType;
        return CloudEventRequestReader.Decode(request, new ReadOnlySequence<byte>(Encoding.UTF8.GetBytes(json)), ConformanceCases.SampleExtensionAttributes);
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string contentType, string json)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        using var response = await shared.Display.Client.PostAsync("/conformance", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [MemberData(nameof(ValidEvents))]
    public async Task ValidEvent_ReadsAsTheSampleAndIsAccepted(string caseId, string json, string sampleId)
    {
        var result = Read("application/cloudevents+json", json);
        var (status, body) = await PostAsync("application/cloudevents+json", json);

        Assert.True(result.Succeeded, $"{caseId}: {result.Error}");
        ConformanceCases.AssertMatches(sampleId, Assert.Single(result.Events));
        Assert.True(status == HttpStatusCode.Accepted, $"{caseId}: {status} {body}");
    }

    [Theory]
    [MemberData(nameof(InvalidEvents))]
    public async Task InvalidEvent_400WithOneLineReason(string caseId, string json)
    {
        var result = Read("application/cloudevents+json", json);
        var (status, body) = await PostAsync("application/cloudevents+json", json);

        Assert.Equal(400, result.StatusCode);
        Assert.True(status == HttpStatusCode.BadRequest, $"{caseId}: {status} {body}");
        Assert.StartsWith("Invalid CloudEvent", body, StringComparison.Ordinal);
        Assert.Equal(body.Length - 1, body.IndexOf('\n', StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(ValidBatches))]
    public async Task ValidBatch_ReadsAsTheSamplesAndIsAccepted(string caseId, string json, string[] sampleIds)
    {
        var result = Read("application/cloudevents-batch+json", json);
        var (status, body) = await PostAsync("application/cloudevents-batch+json", json);

        Assert.True(result.Succeeded, $"{caseId}: {result.Error}");
        Assert.True(result.IsBatch);
        Assert.Equal(sampleIds.Length, result.Events.Count);
        for (var i = 0; i < sampleIds.Length; i++)
        {
            ConformanceCases.AssertMatches(sampleIds[i], result.Events[i]);
        }

        Assert.True(status == HttpStatusCode.Accepted, $"{caseId}: {status} {body}");
    }

    [Theory]
    [MemberData(nameof(InvalidBatches))]
    public async Task InvalidBatch_400NamingTheMember(string caseId, string json)
    {
        var (status, body) = await PostAsync("application/cloudevents-batch+json", json);

        Assert.True(status == HttpStatusCode.BadRequest, $"{caseId}: {status} {body}");
        Assert.StartsWith("Invalid CloudEvents batch: member ", body, StringComparison.Ordinal);
    }
}
