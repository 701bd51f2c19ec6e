namespace MqttSource.Adapter.Delivery;

/// <summary>Supplies the OIDC bearer token sent to the sink, or null when none is configured.</summary>
internal interface IBearerTokenSource
{
    string? GetToken();
}
