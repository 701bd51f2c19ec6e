namespace MqttSource.EventDisplay.Options;

/// <summary>The outcome of reading the command line and environment: options, or every error found.</summary>
internal sealed class OptionsParseResult
{
    private OptionsParseResult(EventDisplayOptions? options, IReadOnlyList<string> errors, bool helpRequested)
    {
        Options = options;
        Errors = errors;
        HelpRequested = helpRequested;
    }

    /// <summary>The options, when there were no errors and no help was asked for.</summary>
    public EventDisplayOptions? Options { get; }

    /// <summary>Every problem found, each a line a user can act on.</summary>
    public IReadOnlyList<string> Errors { get; }

    /// <summary>Whether <c>--help</c> was given.</summary>
    public bool HelpRequested { get; }

    public static OptionsParseResult Success(EventDisplayOptions options) => new(options, [], helpRequested: false);

    public static OptionsParseResult Failure(IReadOnlyList<string> errors) => new(null, errors, helpRequested: false);

    public static OptionsParseResult Help() => new(null, [], helpRequested: true);
}
