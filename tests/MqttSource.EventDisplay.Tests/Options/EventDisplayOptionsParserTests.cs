using MqttSource.EventDisplay.Options;
using Xunit;

namespace MqttSource.EventDisplay.Tests.Options;

public sealed class EventDisplayOptionsParserTests
{
    [Fact]
    public void Parse_Nothing_GivesDefaults()
    {
        var options = Parse([]).Options!;

        Assert.Equal(["http://*:8080"], options.Urls);
        Assert.Equal(500, options.History);
        Assert.Equal(1024 * 1024, options.MaxBodySize);
        Assert.False(options.RequestLogging);
    }

    [Fact]
    public void Parse_PortEnvironment_ListensOnThatPort() =>
        Assert.Equal(["http://*:9090"], Parse([], ("PORT", "9090")).Options!.Urls);

    [Fact]
    public void Parse_Urls_WinsOverPort() =>
        Assert.Equal(["http://127.0.0.1:1", "http://localhost:2"], Parse(["--urls", "http://127.0.0.1:1;http://localhost:2"], ("PORT", "9090")).Options!.Urls);

    [Fact]
    public void Parse_OptionsWithEqualsOrSpace_AreRead()
    {
        var options = Parse(["--history=7", "--max-body-size", "2048", "--max-stream-clients=3", "--history-bytes", "100"], ("REQUEST_LOGGING_ENABLED", "TRUE")).Options!;

        Assert.Equal(7, options.History);
        Assert.Equal(2048, options.MaxBodySize);
        Assert.Equal(3, options.MaxStreamClients);
        Assert.Equal(100, options.HistoryBytes);
        Assert.True(options.RequestLogging);
    }

    [Fact]
    public void Parse_SeveralErrors_ReportsThemAllAtOnce()
    {
        var result = Parse(["--history", "0", "--bogus", "1", "stray", "--urls", "ftp://x"], ("PORT", "99999"), ("REQUEST_LOGGING_ENABLED", "maybe"));

        Assert.Null(result.Options);
        Assert.Collection(
            result.Errors,
            e => Assert.Contains("--history", e, StringComparison.Ordinal),
            e => Assert.Contains("--bogus", e, StringComparison.Ordinal),
            e => Assert.Contains("stray", e, StringComparison.Ordinal),
            e => Assert.Contains("ftp://x", e, StringComparison.Ordinal),
            e => Assert.Contains("REQUEST_LOGGING_ENABLED", e, StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_BadPort_IsAnError() =>
        Assert.Contains("PORT", Assert.Single(Parse([], ("PORT", "http")).Errors), StringComparison.Ordinal);

    [Fact]
    public void Parse_Help_AsksForHelp() =>
        Assert.True(Parse(["--help"]).HelpRequested);

    [Fact]
    public async Task StartAsync_InvalidArguments_ThrowsWithEveryProblem()
    {
        var error = await Assert.ThrowsAsync<ArgumentException>(() => EventDisplayServer.StartAsync(["--history", "x", "--nope", "1"], TextWriter.Null, _ => null));

        Assert.Contains("--history", error.Message, StringComparison.Ordinal);
        Assert.Contains("--nope", error.Message, StringComparison.Ordinal);
    }

    private static OptionsParseResult Parse(string[] args, params (string Name, string Value)[] environment) =>
        EventDisplayOptionsParser.Parse(args, name => environment.FirstOrDefault(e => e.Name == name).Value);
}
