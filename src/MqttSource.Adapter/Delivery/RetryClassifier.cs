namespace MqttSource.Adapter.Delivery;

/// <summary>Knative data-plane rules: which outcomes of a delivery attempt are retried.</summary>
internal static class RetryClassifier
{
    /// <summary>Any 2xx is success.</summary>
    public static bool IsSuccess(int statusCode) => statusCode is >= 200 and <= 299;

    /// <summary>
    /// Retry 404, 408, 409, 429, 5xx and unknown codes; do not retry 400, 401, 403, 413 and other 4xx, nor 3xx (307/308 are
    /// followed before this is asked; any other redirect is a wrong sink address, not a passing failure).
    /// Timeouts and transport errors (no status) are retried too.
    /// </summary>
    public static bool IsRetryable(int? statusCode) => statusCode switch
    {
        null => true,
        404 or 408 or 409 or 429 => true,
        >= 400 and <= 499 => false,
        >= 300 and <= 399 => false,
        >= 200 and <= 299 => false,
        _ => true,
    };
}
