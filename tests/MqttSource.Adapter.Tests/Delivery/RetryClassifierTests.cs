using MqttSource.Adapter.Delivery;

namespace MqttSource.Adapter.Tests.Delivery;

/// <summary>PRODUCT.md §5, Knative data-plane rules: which outcomes of an attempt are success, retried, or final.</summary>
public sealed class RetryClassifierTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(201)]
    [InlineData(202)]
    [InlineData(204)]
    [InlineData(299)]
    public void Classify_2xx_SuccessAndNotRetried(int code)
    {
        Assert.True(RetryClassifier.IsSuccess(code));
        Assert.False(RetryClassifier.IsRetryable(code));
        Assert.True(new AttemptResult(code, null, default, null).IsSuccess);
        Assert.False(new AttemptResult(code, null, default, null).IsRetryable);
    }

    [Theory]
    [InlineData(404)]
    [InlineData(408)]
    [InlineData(409)]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(599)]
    public void Classify_RetryableStatus_Retried(int code)
    {
        Assert.False(RetryClassifier.IsSuccess(code));
        Assert.True(RetryClassifier.IsRetryable(code));
        Assert.True(new AttemptResult(code, null, default, null).IsRetryable);
    }

    [Theory]
    [InlineData(300)]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(303)]
    [InlineData(307)]
    [InlineData(308)]
    [InlineData(399)]
    public void Classify_Redirect_NotRetried(int code)
    {
        // 307/308 are followed by the sender before this is asked; a 3xx that reaches it is a wrong sink address.
        Assert.False(RetryClassifier.IsSuccess(code));
        Assert.False(RetryClassifier.IsRetryable(code));
        Assert.False(new AttemptResult(code, null, default, null).IsRetryable);
    }

    [Fact]
    public void Classify_CannotSend_NotRetried()
    {
        Assert.False(AttemptResult.CannotSend("cannot encode").IsRetryable);
        Assert.True(AttemptResult.TransportFailure("connection refused").IsRetryable);
    }

    [Theory]
    [InlineData(100)]
    [InlineData(199)]
    [InlineData(600)]
    [InlineData(999)]
    public void Classify_UnknownStatus_Retried(int code)
    {
        Assert.False(RetryClassifier.IsSuccess(code));
        Assert.True(RetryClassifier.IsRetryable(code));
    }

    [Fact]
    public void Classify_TimeoutOrTransportError_Retried()
    {
        Assert.True(RetryClassifier.IsRetryable(null));
        Assert.True(new AttemptResult(null, null, default, "connection refused").IsRetryable);
        Assert.False(new AttemptResult(null, null, default, "timeout").IsSuccess);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(403)]
    [InlineData(405)]
    [InlineData(410)]
    [InlineData(413)]
    [InlineData(415)]
    [InlineData(422)]
    [InlineData(499)]
    public void Classify_Other4xx_NotRetried(int code)
    {
        Assert.False(RetryClassifier.IsSuccess(code));
        Assert.False(RetryClassifier.IsRetryable(code));
        Assert.False(new AttemptResult(code, null, default, null).IsRetryable);
    }
}
