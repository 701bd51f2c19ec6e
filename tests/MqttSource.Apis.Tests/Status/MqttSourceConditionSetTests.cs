using MqttSource.Apis.Status;
using MqttSource.Apis.Validation;
using Xunit;

namespace MqttSource.Apis.Tests.Status;

public sealed class MqttSourceConditionSetTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider clock = new(T0);

    [Fact]
    public void InitializeConditions_NoConditions_AllUnknownAndReadyUnknown()
    {
        var set = new MqttSourceConditionSet(null, clock);

        set.InitializeConditions();

        Assert.Equal(["Ready", "Valid", "SinkProvided", "Deployed"], set.Conditions.Select(c => c.Type));
        Assert.All(set.Conditions, c =>
        {
            Assert.Equal(ConditionStatus.Unknown, c.Status);
            Assert.Equal(ConditionReasons.Initializing, c.Reason);
            Assert.Equal(T0, c.LastTransitionTime);
        });
        Assert.Equal("Valid has not been reported yet", set.Get("Ready")!.Message);
        Assert.False(set.IsReady);
    }

    [Theory]
    [InlineData("T", "T", "T", "True", null)]
    [InlineData("F", "T", "T", "False", "V")]
    [InlineData("T", "F", "T", "False", "S")]
    [InlineData("T", "T", "F", "False", "D")]
    [InlineData("U", "T", "T", "Unknown", "V")]
    [InlineData("T", "U", "T", "Unknown", "S")]
    [InlineData("T", "T", "U", "Unknown", "D")]
    [InlineData("F", "F", "F", "False", "V")]
    [InlineData("U", "F", "T", "False", "S")]
    [InlineData("U", "U", "F", "False", "D")]
    [InlineData("T", "U", "U", "Unknown", "S")]
    [InlineData("T", "T", "-", "Unknown", "Initializing")]
    [InlineData("-", "F", "-", "False", "S")]
    public void Mark_DependentStatuses_ReadyFollowsConjunction(string valid, string sink, string deployed, string ready, string? reason)
    {
        var set = new MqttSourceConditionSet(null, clock);

        Mark(set, ConditionTypes.Valid, valid, "V");
        Mark(set, ConditionTypes.SinkProvided, sink, "S");
        Mark(set, ConditionTypes.Deployed, deployed, "D");

        var condition = set.Get(ConditionTypes.Ready)!;
        Assert.Equal(ready, condition.Status);
        Assert.Equal(reason, condition.Reason);
        Assert.Equal(reason is null or "Initializing" ? condition.Message : reason + " message", condition.Message);
        Assert.Equal(ready == ConditionStatus.True, set.IsReady);
    }

    [Fact]
    public void Mark_SameStatusLater_KeepsLastTransitionTime()
    {
        var set = new MqttSourceConditionSet(null, clock);
        set.MarkTrue(ConditionTypes.Valid);
        set.MarkFalse(ConditionTypes.SinkProvided, "SinkNotFound", "Broker edge/default not found");

        clock.Advance(TimeSpan.FromMinutes(5));
        set.MarkTrue(ConditionTypes.Valid);
        set.MarkFalse(ConditionTypes.SinkProvided, "SinkNotAddressable", "Broker edge/default has no address yet");

        Assert.Equal(T0, set.Get(ConditionTypes.Valid)!.LastTransitionTime);
        var sink = set.Get(ConditionTypes.SinkProvided)!;
        Assert.Equal(T0, sink.LastTransitionTime);
        Assert.Equal("SinkNotAddressable", sink.Reason);
        Assert.Equal("Broker edge/default has no address yet", sink.Message);
        var ready = set.Get(ConditionTypes.Ready)!;
        Assert.Equal(T0, ready.LastTransitionTime);
        Assert.Equal("SinkNotAddressable", ready.Reason);
    }

    [Fact]
    public void Mark_StatusChanges_MovesLastTransitionTimeOfThatConditionAndReady()
    {
        var set = new MqttSourceConditionSet(null, clock);
        set.InitializeConditions();

        clock.Advance(TimeSpan.FromSeconds(10));
        set.MarkTrue(ConditionTypes.Valid);
        set.MarkTrue(ConditionTypes.SinkProvided);
        Assert.Equal(T0.AddSeconds(10), set.Get(ConditionTypes.Valid)!.LastTransitionTime);
        Assert.Equal(T0, set.Get(ConditionTypes.Deployed)!.LastTransitionTime);
        Assert.Equal(T0, set.Get(ConditionTypes.Ready)!.LastTransitionTime); // still Unknown

        clock.Advance(TimeSpan.FromSeconds(10));
        set.MarkTrue(ConditionTypes.Deployed);
        Assert.Equal(T0.AddSeconds(20), set.Get(ConditionTypes.Deployed)!.LastTransitionTime);
        Assert.Equal(T0.AddSeconds(20), set.Get(ConditionTypes.Ready)!.LastTransitionTime);
        Assert.True(set.IsReady);

        clock.Advance(TimeSpan.FromSeconds(10));
        set.MarkFalse(ConditionTypes.Deployed, "DeploymentUnavailable", "0 of 1 replicas ready");
        var ready = set.Get(ConditionTypes.Ready)!;
        Assert.Equal(ConditionStatus.False, ready.Status);
        Assert.Equal(T0.AddSeconds(30), ready.LastTransitionTime);
        Assert.Equal("DeploymentUnavailable", ready.Reason);
        Assert.Equal("0 of 1 replicas ready", ready.Message);
    }

    [Fact]
    public void Constructor_ExistingConditions_KeepsTheirTimesUntilStatusChanges()
    {
        var old = T0.AddDays(-1);
        var stored = new MqttSourceStatus
        {
            Conditions =
            [
                new Condition { Type = "Deployed", Status = "True", LastTransitionTime = old },
                new Condition { Type = "Custom", Status = "True", LastTransitionTime = old, Severity = ConditionSeverity.Info },
                new Condition { Type = "Valid", Status = "True", LastTransitionTime = old },
                new Condition { Type = "SinkProvided", Status = "True", LastTransitionTime = old },
                new Condition { Type = "Ready", Status = "True", LastTransitionTime = old },
            ],
        };
        var set = new MqttSourceConditionSet(stored.Conditions, clock);

        set.InitializeConditions();
        set.MarkTrue(ConditionTypes.SinkProvided);
        var status = set.ApplyTo(stored with { ObservedGeneration = 4 });

        Assert.Equal(["Ready", "Valid", "SinkProvided", "Deployed", "Custom"], status.Conditions!.Select(c => c.Type));
        Assert.All(status.Conditions!, c => Assert.Equal(old, c.LastTransitionTime));
        Assert.Equal(ConditionSeverity.Info, status.GetCondition("Custom")!.Severity);
        Assert.True(status.IsReady);
        Assert.Equal(4, status.ObservedGeneration);
    }

    [Fact]
    public void MarkTrue_Ready_Throws()
    {
        var set = new MqttSourceConditionSet(null, clock);

        Assert.Throws<ArgumentException>(() => set.MarkTrue(ConditionTypes.Ready));
    }

    [Fact]
    public void MarkTrue_OtherType_DoesNotAffectReady()
    {
        var set = new MqttSourceConditionSet(null, clock);
        set.MarkTrue(ConditionTypes.Valid);
        set.MarkTrue(ConditionTypes.SinkProvided);
        set.MarkTrue(ConditionTypes.Deployed);

        set.MarkFalse("Custom", "Whatever", "not a dependent");

        Assert.True(set.IsReady);
    }

    [Fact]
    public void MarkValid_Errors_ValidFalseListingEveryError()
    {
        var set = new MqttSourceConditionSet(null, clock);

        set.MarkValid([new FieldError("spec.topics[0].qos", "must be 0, 1 or 2 (got 3)"), new FieldError("spec.replicas", "must be at least 1 (got 0)")]);

        var valid = set.Get(ConditionTypes.Valid)!;
        Assert.Equal(ConditionStatus.False, valid.Status);
        Assert.Equal(ConditionReasons.InvalidSpec, valid.Reason);
        Assert.Equal("spec.topics[0].qos: must be 0, 1 or 2 (got 3); spec.replicas: must be at least 1 (got 0)", valid.Message);
        Assert.Equal(ConditionReasons.InvalidSpec, set.Get(ConditionTypes.Ready)!.Reason);
    }

    [Fact]
    public void MarkValid_NoErrors_ValidTrue()
    {
        var set = new MqttSourceConditionSet(null, clock);

        set.MarkValid([]);

        Assert.Equal(ConditionStatus.True, set.Get(ConditionTypes.Valid)!.Status);
        Assert.Null(set.Get(ConditionTypes.Valid)!.Reason);
    }

    [Fact]
    public void Mark_ClockWithFractionAndOffset_StoresUtcWholeSeconds()
    {
        var set = new MqttSourceConditionSet(null, new DateTimeOffset(2026, 11, 23, 12, 0, 7, 999, TimeSpan.FromHours(2)));

        set.MarkTrue(ConditionTypes.Valid);

        var time = set.Get(ConditionTypes.Valid)!.LastTransitionTime!.Value;
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 10, 0, 7, TimeSpan.Zero), time);
        Assert.Equal(TimeSpan.Zero, time.Offset);
    }

    [Fact]
    public void Mark_ExistingConditionWithoutTime_GetsOne()
    {
        var set = new MqttSourceConditionSet([new Condition { Type = "Valid", Status = "True" }], clock);

        set.MarkTrue(ConditionTypes.Valid);

        Assert.Equal(T0, set.Get(ConditionTypes.Valid)!.LastTransitionTime);
    }

    private static void Mark(MqttSourceConditionSet set, string type, string status, string reason)
    {
        switch (status)
        {
            case "T":
                set.MarkTrue(type);
                break;
            case "F":
                set.MarkFalse(type, reason, reason + " message");
                break;
            case "U":
                set.MarkUnknown(type, reason, reason + " message");
                break;
        }
    }
}
