using MqttSource.Testing.Mosquitto;
using Xunit;

namespace MqttSource.Testing.Tests.Mosquitto;

public sealed class MosquittoAuthenticationTests
{
    private static MosquittoOptions UsersOptions() => new()
    {
        Users = { ["alice"] = "wonderland", ["bob"] = "builder" },
    };

    [Fact]
    public async Task PublishAsync_RightPassword_Succeeds()
    {
        await using var broker = await MosquittoBroker.StartAsync(UsersOptions());

        var alice = await MosquittoClients.PublishAsync(
            broker.ClientOptions() with { Username = "alice", Password = "wonderland" }, "test/auth", "x");
        var bob = await MosquittoClients.PublishAsync(
            broker.ClientOptions() with { Username = "bob", Password = "builder" }, "test/auth", "x");

        Assert.True(alice.Succeeded, alice.ToString());
        Assert.True(bob.Succeeded, bob.ToString());
    }

    [Fact]
    public async Task PublishAsync_WrongPasswordOrAnonymous_IsRefused()
    {
        await using var broker = await MosquittoBroker.StartAsync(UsersOptions());

        var wrong = await MosquittoClients.PublishAsync(
            broker.ClientOptions() with { Username = "alice", Password = "nope" }, "test/auth", "x");
        var anonymous = await MosquittoClients.PublishAsync(broker.ClientOptions(), "test/auth", "x");

        Assert.False(wrong.Succeeded, wrong.ToString());
        Assert.False(wrong.TimedOut);
        Assert.False(anonymous.Succeeded, anonymous.ToString());
        Assert.Contains("allow_anonymous false", File.ReadAllText(broker.ConfigPath), StringComparison.Ordinal);
    }
}
