using System.Text.Json.Nodes;
using MqttSource.Testing.Faults;
using Xunit;

namespace MqttSource.Testing.Tests.Faults;

public sealed class FaultAdapterConfigTests
{
    private static readonly Uri s_sink = new("http://127.0.0.1:1001/");
    private static readonly Uri s_broker = new("mqtt://127.0.0.1:1002");

    private static JsonNode Spec(FaultCase faultCase, FaultScale scale, Uri? deadLetter = null) =>
        JsonNode.Parse(FaultAdapterConfig.Build(faultCase, scale, s_sink, s_broker, deadLetter))!["spec"]!;

    [Fact]
    public void Build_DefaultCase_RetryNullQos1ParallelismAndTheScaleBackoff()
    {
        var spec = Spec(SinkFaultCases.Reset(), FaultScale.Ci);

        Assert.True(spec["delivery"]!.AsObject().ContainsKey("retry"));
        Assert.Null(spec["delivery"]!["retry"]);
        Assert.Equal("linear", (string?)spec["delivery"]!["backoffPolicy"]);
        Assert.Equal("probe/#", (string?)spec["topics"]![0]!["filter"]);
        Assert.Equal(1, (int)spec["topics"]![0]!["qos"]!);
        Assert.Equal(FaultRun.Parallelism, (int)spec["parallelism"]!);
        Assert.Equal(s_sink.ToString(), (string?)spec["sink"]!["uri"]);
        Assert.Null(spec["broker"]!["keepAlive"]);
        Assert.Null(spec["event"]);
    }

    [Fact]
    public void Build_CaseOptions_KeepAliveIdFromTimeoutRetryAndDeadLetterSink()
    {
        var deadLetter = new Uri("http://127.0.0.1:1003/");

        var freeze = Spec(LinkFaultCases.Freeze(), FaultScale.Ci);
        var poison = Spec(PoisonFaultCases.JsonIdDeadLettered(), FaultScale.Chaos, deadLetter);
        var hang = Spec(SinkFaultCases.HangAfterRequestHead(), FaultScale.Ci);
        var loop = Spec(RedirectFaultCases.Loop(), FaultScale.Ci, deadLetter);

        Assert.Equal("6s", (string?)freeze["broker"]!["keepAlive"]);
        Assert.Equal("json:/id", (string?)poison["event"]!["idFrom"]);
        Assert.Equal(deadLetter.ToString(), (string?)poison["delivery"]!["deadLetterSink"]!["uri"]);
        Assert.Null(poison["delivery"]!["backoffPolicy"]); // the product's default at the chaos scale
        Assert.Equal("PT4S", (string?)hang["delivery"]!["timeout"]);
        Assert.Equal(0, (int)loop["delivery"]!["retry"]!);
    }
}
