namespace MqttSource.Testing.Faults;

/// <summary>Every case of the fault suite, in the order of the table.</summary>
public static class FaultCatalog
{
    /// <summary>All cases (fresh instances).</summary>
    public static IReadOnlyList<FaultCase> All() =>
    [
        SinkFaultCases.NoConnect(),
        SinkFaultCases.Reset(),
        SinkFaultCases.HangAfterRequestHead(),
        SinkFaultCases.HangAfterResponseHead(),
        SinkFaultCases.ServerErrorStorm(),
        SinkFaultCases.TooManyRequestsStorm(),
        RedirectFaultCases.Temporary(),
        RedirectFaultCases.PermanentChain(),
        RedirectFaultCases.Loop(),
        RedirectFaultCases.Moved(),
        PoisonFaultCases.JsonIdDeadLettered(),
        PoisonFaultCases.UserPropertyIdCounted(),
        BrokerFaultCases.Restart(),
        BrokerFaultCases.Kill(),
        BrokerFaultCases.RestartDuringSinkOutage(),
        LinkFaultCases.Freeze(),
        LinkFaultCases.FreezeWithFullWindow(),
        LinkFaultCases.Drop(),
        AdapterFaultCases.KillLoop(),
    ];

    /// <summary>The case named <paramref name="name"/>.</summary>
    public static FaultCase Named(string name) =>
        All().FirstOrDefault(c => c.Name == name) ?? throw new ArgumentException($"no fault case '{name}'; known: {string.Join(", ", All().Select(c => c.Name))}", nameof(name));
}
