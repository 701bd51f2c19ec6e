using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace MqttSource.Publish.Tests;

/// <summary>
/// README's gateway steps taken literally: each command line of a README shell block becomes a line of a bash script
/// that runs in a private network namespace (so the documented ports 1883, 8080 and 8081 are free and nothing else on
/// this machine is touched). What needs root on a real gateway is mapped: <c>/opt/mqtt-source</c> is the published apps
/// folder, <c>/etc/mqtt-source/mqttsource.yaml</c> the sample itself, <c>systemctl</c> runs the unit's ExecStart with its
/// Environment. A line the walkthrough does not understand fails the test, so README and this test change together.
/// </summary>
internal sealed partial class ReadmeWalkthrough(string publishedApps)
{
    private const string OptFolder = "/opt/mqtt-source";
    private readonly StringBuilder _steps = new();
    private readonly Dictionary<string, string> _installed = new(StringComparer.Ordinal);
    private int _processes;

    /// <summary>The URL of event-display's <c>/events</c>, once a step started it.</summary>
    public string? EventsUrl { get; private set; }

    /// <summary>The command lines of every <c>```sh</c> block of the README section titled <paramref name="heading"/> (continuations joined, comments dropped).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> ShellBlocks(string readme, string heading)
    {
        var start = readme.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"README has no section '{heading}'");
        var end = readme.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];
        return [.. ShellBlockPattern().Matches(section).Select(m => (IReadOnlyList<string>)CommandLines(m.Groups[1].Value))];
    }

    /// <summary>Adds one README command line to the walkthrough.</summary>
    public void Add(string line)
    {
        _steps.Append("step ").Append(Quote(line)).Append('\n');
        if (line.StartsWith("sudo apt-get install ", StringComparison.Ordinal))
        {
            return; // installed on this machine already (scripts/test.sh installs the tests' prerequisites)
        }

        if (InstallPattern().Match(line) is { Success: true } install)
        {
            var destination = install.Groups[2].Value;
            _installed[destination.EndsWith('/') ? destination + Path.GetFileName(install.Groups[1].Value) : destination] = install.Groups[1].Value;
            return;
        }

        if (line == "sudo systemctl restart mosquitto")
        {
            StartMosquitto(Installed("/etc/mosquitto/mosquitto.conf"));
        }
        else if (PublishPattern().Match(line) is { Success: true } publish)
        {
            var apps = publish.Groups[2].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Contains("adapter", apps);
            Assert.Contains("event-display", apps);
            _installed[OptFolder] = publish.Groups[1].Value;
        }
        else if (line == $"sudo mkdir -p {OptFolder} && sudo cp -r {_installed.GetValueOrDefault(OptFolder)}/adapter {_installed.GetValueOrDefault(OptFolder)}/event-display {OptFolder}/")
        {
            _installed[OptFolder] = publishedApps; // what scripts/publish.sh made, copied to /opt
        }
        else if (line.StartsWith(OptFolder + "/event-display/event-display ", StringComparison.Ordinal))
        {
            var urls = UrlsPattern().Match(line);
            Assert.True(urls.Success, $"the README starts event-display without --urls: {line}");
            EventsUrl = urls.Groups[1].Value.TrimEnd('/') + "/events";
            Background("event-display", MapOptFolder(line));
            _steps.Append(CultureInfo.InvariantCulture, $"wait_ok {urls.Groups[1].Value.TrimEnd('/')}/healthz event-display\n");
        }
        else if (line.StartsWith(OptFolder + "/adapter/mqtt-source-adapter ", StringComparison.Ordinal))
        {
            StartAdapter(MapOptFolder(line), line);
        }
        else if (line == "sudo systemctl daemon-reload && sudo systemctl enable --now mqtt-source-adapter")
        {
            var unit = File.ReadAllLines(Path.Combine(Shell.Root, Installed("/etc/systemd/system/mqtt-source-adapter.service")));
            var exec = unit.Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..];
            var environment = unit.Where(l => l.StartsWith("Environment=", StringComparison.Ordinal)).Select(l => l["Environment=".Length..]);
            foreach (var (path, source) in _installed.Where(i => i.Key.StartsWith("/etc/mqtt-source/", StringComparison.Ordinal)))
            {
                exec = exec.Replace(path, Path.Combine(Shell.Root, source), StringComparison.Ordinal);
            }

            StartAdapter($"env {string.Join(' ', environment)} {MapOptFolder(exec)}", exec);
        }
        else if (ReadinessPattern().Match(line) is { Success: true } readiness)
        {
            _steps.Append(CultureInfo.InvariantCulture, $"wait_ok {readiness.Groups[1].Value} 'the adapter readiness'\n");
        }
        else if (line.StartsWith("mosquitto_pub ", StringComparison.Ordinal))
        {
            _steps.Append(line).Append('\n'); // verbatim, once: the first try must be enough
        }
        else
        {
            Assert.Fail($"README step not understood by the walkthrough test (update both): {line}");
        }
    }

    /// <summary>The bash script: the steps, then waiting until event-display holds an event, whose JSON it prints last.</summary>
    public string Script(string work)
    {
        Assert.True(EventsUrl is not null, "the README steps never start event-display");
        return $$"""
            set -euo pipefail
            export PATH="$PATH:/usr/sbin:/sbin"
            cd {{Quote(Shell.Root)}}
            work={{Quote(work)}}
            pids=()
            trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true' EXIT
            fail() {
              echo "walkthrough failed: $1" >&2
              for f in "$work"/*.log; do [ -e "$f" ] && { echo "--- $f" >&2; tail -n 30 "$f" >&2; }; done
              exit 1
            }
            step() { echo "\$ $1"; }
            wait_ok() { # url, what: up to 120 s
              for _ in $(seq 1 600); do curl -fsS -o /dev/null "$1" 2>/dev/null && return 0; sleep 0.2; done
              fail "$2 not ready at $1"
            }
            wait_port() { # port, what
              for _ in $(seq 1 300); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.2; done
              fail "$2 not listening on $1"
            }
            ip link set lo up
            {{_steps}}
            for _ in $(seq 1 300); do
              events=$(curl -fsS {{EventsUrl}} 2>/dev/null || true)
              [ -n "$events" ] && [ "$events" != "[]" ] && { echo "$events"; exit 0; }
              sleep 0.2
            done
            fail "no event at {{EventsUrl}} within 60 s"
            """;
    }

    private void StartMosquitto(string sampleConfig)
    {
        var config = File.ReadAllText(Path.Combine(Shell.Root, sampleConfig));
        var port = ListenerPattern().Match(config);
        Assert.True(port.Success, $"{sampleConfig} has no listener line");
        _steps.Append(CultureInfo.InvariantCulture, $"""
            mkdir -p "$work/mosquitto"
            sed -e "s#^persistence_location .*#persistence_location $work/mosquitto/#" {Quote(sampleConfig)} > "$work/mosquitto.conf"
            echo "user $(id -un)" >> "$work/mosquitto.conf"

            """);
        Background("mosquitto", "mosquitto -c \"$work/mosquitto.conf\"");
        _steps.Append(CultureInfo.InvariantCulture, $"wait_port {port.Groups[1].Value} mosquitto\n");
    }

    private void StartAdapter(string command, string documented)
    {
        var port = HttpPortPattern().Match(documented) is { Success: true } p ? p.Groups[1].Value : "8080";
        Background("adapter", command);
        _steps.Append(CultureInfo.InvariantCulture, $"wait_ok http://127.0.0.1:{port}/readiness 'the adapter'\n");
    }

    private void Background(string name, string command)
    {
        var log = $"\"$work/{++_processes}-{name}.log\"";
        _steps.Append(CultureInfo.InvariantCulture, $"{command} > {log} 2>&1 &\npids+=($!)\n");
    }

    private string Installed(string destination) =>
        _installed.TryGetValue(destination, out var source) ? source : throw new InvalidOperationException($"the README uses {destination} before installing it");

    private string MapOptFolder(string command) =>
        command.Replace(OptFolder + "/", Installed(OptFolder) + "/", StringComparison.Ordinal);

    private static string Quote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    private static List<string> CommandLines(string block)
    {
        var lines = new List<string>();
        var pending = string.Empty;
        foreach (var raw in block.Split('\n'))
        {
            var line = raw.Trim();
            if (pending.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            var comment = line.IndexOf("  #", StringComparison.Ordinal);
            line = comment >= 0 ? line[..comment].TrimEnd() : line;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1].TrimEnd() + " ";
                continue;
            }

            lines.Add(pending + line);
            pending = string.Empty;
        }

        return lines;
    }

    [GeneratedRegex(@"```sh\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex ShellBlockPattern();

    [GeneratedRegex(@"^sudo install (?:-D )?-m 0644 (samples/\S+) (/etc/\S+)$")]
    private static partial Regex InstallPattern();

    [GeneratedRegex(@"^scripts/publish\.sh (\S+) (.+)$")]
    private static partial Regex PublishPattern();

    [GeneratedRegex(@"--urls (\S+)")]
    private static partial Regex UrlsPattern();

    [GeneratedRegex(@"--http-port (\d+)")]
    private static partial Regex HttpPortPattern();

    [GeneratedRegex(@"^curl -s (http://\S+/readiness)$")]
    private static partial Regex ReadinessPattern();

    [GeneratedRegex(@"^listener (\d+)", RegexOptions.Multiline)]
    private static partial Regex ListenerPattern();
}
