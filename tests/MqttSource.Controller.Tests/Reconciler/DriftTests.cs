using System.Text.Json.Nodes;
using MqttSource.Controller.Reconciler;
using Xunit;

namespace MqttSource.Controller.Tests.Reconciler;

/// <summary>Knative's DeepDerivative on the JSON the API server keeps.</summary>
public sealed class DriftTests
{
    [Theory]
    [InlineData("""{"a":1}""", """{"a":1,"b":2}""", true)]
    [InlineData("""{"a":1}""", """{"a":2}""", false)]
    [InlineData("""{"a":{"b":"x"}}""", """{"a":{"b":"x","c":true}}""", true)]
    [InlineData("""{"a":[{"n":"x"}]}""", """{"a":[{"n":"x","d":1}]}""", true)]
    [InlineData("""{"a":[{"n":"x"}]}""", """{"a":[{"n":"x"},{"n":"y"}]}""", false)]
    [InlineData("""{"a":[]}""", """{}""", true)]
    [InlineData("""{"a":false}""", """{"a":null}""", false)]
    [InlineData("""{"a":"1"}""", """{"a":1}""", false)]
    public void IsDerivative_DesiredFieldsEqual_ExtraFieldsAllowed(string desired, string existing, bool expected) =>
        Assert.Equal(expected, Drift.IsDerivative(JsonNode.Parse(desired), JsonNode.Parse(existing)));
}
