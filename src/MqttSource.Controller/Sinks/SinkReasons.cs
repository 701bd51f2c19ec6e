namespace MqttSource.Controller.Sinks;

/// <summary>Reasons of <c>SinkProvided=False</c>.</summary>
internal static class SinkReasons
{
    /// <summary>The referenced object does not exist.</summary>
    public const string NotFound = "SinkNotFound";

    /// <summary>The referenced object has no <c>status.address.url</c> (yet).</summary>
    public const string NotAddressable = "SinkNotAddressable";

    /// <summary>The destination itself is wrong (no ref and no uri, an absolute uri with a ref, …).</summary>
    public const string Invalid = "SinkInvalid";

    /// <summary>The API server refused or failed to answer.</summary>
    public const string ResolutionFailed = "SinkResolutionFailed";
}
