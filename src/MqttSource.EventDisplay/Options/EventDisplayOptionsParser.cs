using System.Globalization;

namespace MqttSource.EventDisplay.Options;

/// <summary>Reads <see cref="EventDisplayOptions"/> from arguments and environment variables, reporting all errors at once.</summary>
internal static class EventDisplayOptionsParser
{
    public const string Usage = """
        Usage: event-display [options]

        Receives CloudEvents over HTTP (binary, structured or batch), prints each to stdout and shows
        them live on a web page at /.

        Options:
          --urls <urls>               addresses to listen on, ';'-separated (default http://*:$PORT, PORT defaults to 8080)
          --history <n>               recent events kept for /events and the page (default 500)
          --history-bytes <n>         most bytes of event data kept in the history (default 67108864)
          --max-body-size <n>         largest request body in bytes; larger gets 413 (default 1048576)
          --max-stream-clients <n>    most live-page clients at once (default 64)
          --help                      show this text

        Environment:
          PORT                        port to listen on when --urls is not given
          REQUEST_LOGGING_ENABLED     true to also print every raw request (method, path, headers, body)
        """;

    /// <summary>Parses the command line and the environment.</summary>
    /// <param name="args">The command-line arguments.</param>
    /// <param name="environment">Looks up an environment variable; null when unset.</param>
    public static OptionsParseResult Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var errors = new List<string>();
        var defaults = new EventDisplayOptions();
        string? urls = null;
        int history = defaults.History, maxStreamClients = defaults.MaxStreamClients;
        long historyBytes = defaults.HistoryBytes, maxBodySize = defaults.MaxBodySize;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string name = arg, value;
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 0)
            {
                name = arg[..equals];
                value = arg[(equals + 1)..];
            }
            else if (arg is "--help" or "-h" or "-?")
            {
                return OptionsParseResult.Help();
            }
            else if (i + 1 < args.Count && arg.StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                errors.Add(arg.StartsWith("--", StringComparison.Ordinal)
                    ? $"Option '{arg}' needs a value."
                    : $"Unexpected argument '{arg}' (see --help).");
                continue;
            }

            switch (name)
            {
                case "--urls": urls = value; break;
                case "--history": history = (int)ParseNumber(name, value, 1, 1_000_000, history, errors); break;
                case "--history-bytes": historyBytes = ParseNumber(name, value, 0, long.MaxValue, historyBytes, errors); break;
                case "--max-body-size": maxBodySize = ParseNumber(name, value, 1, int.MaxValue, maxBodySize, errors); break;
                case "--max-stream-clients": maxStreamClients = (int)ParseNumber(name, value, 0, 100_000, maxStreamClients, errors); break;
                default: errors.Add($"Unknown option '{name}' (see --help)."); break;
            }
        }

        var urlList = urls is null ? DefaultUrls(environment("PORT"), errors) : SplitUrls(urls, errors);
        var requestLogging = ParseBoolean("REQUEST_LOGGING_ENABLED", environment("REQUEST_LOGGING_ENABLED"), errors);
        return errors.Count > 0
            ? OptionsParseResult.Failure(errors)
            : OptionsParseResult.Success(new EventDisplayOptions
            {
                Urls = urlList,
                History = history,
                HistoryBytes = historyBytes,
                MaxBodySize = maxBodySize,
                MaxStreamClients = maxStreamClients,
                RequestLogging = requestLogging,
            });
    }

    private static long ParseNumber(string name, string value, long min, long max, long fallback, List<string> errors)
    {
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            return number;
        }

        errors.Add($"Option '{name}' must be a whole number from {min} to {max}, not '{value}'.");
        return fallback;
    }

    private static string[] DefaultUrls(string? port, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(port))
        {
            return [$"http://*:{EventDisplayOptions.DefaultPort}"];
        }

        if (int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is > 0 and <= 65535)
        {
            return [$"http://*:{number}"];
        }

        errors.Add($"PORT must be a port number from 1 to 65535, not '{port}'.");
        return [];
    }

    private static string[] SplitUrls(string urls, List<string> errors)
    {
        var list = urls.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (list.Length == 0)
        {
            errors.Add("Option '--urls' needs at least one address, like http://127.0.0.1:8080.");
        }

        foreach (var url in list)
        {
            if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add($"Option '--urls': '{url}' is not an http:// address.");
            }
        }

        return list;
    }

    private static bool ParseBoolean(string name, string? value, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (bool.TryParse(value.Trim(), out var result))
        {
            return result;
        }

        errors.Add($"{name} must be true or false, not '{value}'.");
        return false;
    }
}
