using System.Net;
using MqttSource.Adapter.Configuration;

namespace MqttSource.Adapter.Tests.Configuration;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData("0.0.0.0", "0.0.0.0")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("localhost", "127.0.0.1")]
    [InlineData("LocalHost", "127.0.0.1")]
    [InlineData("::", "::")]
    [InlineData("::1", "::1")]
    [InlineData("[::1]", "::1")]
    [InlineData("fe80::1%1", "fe80::1%1")]
    public void Parse_AddressOrLocalhost_TheAddress(string host, string expected)
    {
        Assert.Equal(IPAddress.Parse(expected), ListenAddress.Parse(host));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("+")]
    public void Parse_Wildcard_EveryAddress(string host)
    {
        Assert.Contains(ListenAddress.Parse(host), new[] { IPAddress.IPv6Any, IPAddress.Any });
    }

    [Theory]
    [InlineData("")]
    [InlineData("example.com")]
    [InlineData("1")]
    [InlineData("300.1.1.1")]
    [InlineData("[127.0.0.1]")]
    [InlineData("[::1")]
    [InlineData("http://0.0.0.0")]
    public void Parse_NotAnAddress_Null(string host)
    {
        Assert.Null(ListenAddress.Parse(host));
    }
}
