namespace MqttSource.Adapter.Tests.Faults;

/// <summary>The fault suite's tests share one <see cref="FaultSuiteFixture"/>, which runs the cases in parallel.</summary>
[CollectionDefinition(Name)]
public sealed class FaultSuiteCollection : ICollectionFixture<FaultSuiteFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "fault suite";
}
