using MqttSource.Controller.Reconciler;
using Xunit;

namespace MqttSource.Controller.Tests.Reconciler;

/// <summary>Knative's naming of OIDC service accounts (<c>auth.GetOIDCServiceAccountNameForResource</c>, <c>kmeta.ChildName</c>), on Knative's own test vectors.</summary>
public sealed class OidcIdentityTests
{
    [Theory]
    [InlineData("name", "-oidc-group-kind", "name-oidc-group-kind")]
    [InlineData("my-Broker", "-oidc-eventing.knative.dev-Broker", "my-Broker-oidc-eventing.knative.dev-Broker")]
    [InlineData("my-loooooooooooooooooooooooooooooooooooooog-Broker", "-oidc-eventing.knative.dev-Broker", "my-looooooooooooooooooooooooooo2dfc2a3825b8d82077b0f25518b36884")]
    public void ChildName_AsKnative(string parent, string suffix, string expected) => Assert.Equal(expected, OidcIdentity.ChildName(parent, suffix));

    [Fact]
    public void NameFor_MqttSource_LowerCasedWithGroupAndKind() =>
        Assert.Equal("telemetry-oidc-sources.knative.dev-mqttsource", OidcIdentity.NameFor("telemetry"));

    [Fact]
    public void NameFor_LongName_63CharactersStable()
    {
        var name = OidcIdentity.NameFor(new string('x', 60));

        Assert.Equal(63, name.Length);
        Assert.Equal(name, OidcIdentity.NameFor(new string('x', 60)));
        Assert.NotEqual(name, OidcIdentity.NameFor(new string('x', 59) + "y"));
    }

    [Fact]
    public void ChildName_ShortSuffixLongParent_HashOfParentThenSuffix()
    {
        var name = OidcIdentity.ChildName(new string('a', 70), "-sfx");

        Assert.Equal(63, name.Length);
        Assert.EndsWith("-sfx", name, StringComparison.Ordinal);
        Assert.StartsWith(new string('a', 27), name, StringComparison.Ordinal);
    }
}
