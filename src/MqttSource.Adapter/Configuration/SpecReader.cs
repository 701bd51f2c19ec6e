using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using MqttSource.Apis.Durations;
using MqttSource.Apis.Settings;
using MqttSource.Apis.Spec;
using MqttSource.Apis.Validation;

namespace MqttSource.Adapter.Configuration;

/// <summary>Reads the MqttSource spec from an MqttSource YAML file, from JSON, or from the quick flags; problems go to <c>errors</c>.</summary>
internal sealed class SpecReader(Func<string, string> readFile, List<string> errors)
{
    public (MqttSourceSpec? Spec, string Name) FromYaml(string path, CommandLineOptions flags)
    {
        string text;
        try
        {
            text = readFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            errors.Add($"--config {path}: cannot read: {ex.Message}");
            return (null, "mqtt-source");
        }

        JsonNode? root;
        try
        {
            root = YamlDocumentReader.Read(text);
        }
        catch (FormatException ex)
        {
            errors.Add($"--config {path}: {ex.Message}");
            return (null, "mqtt-source");
        }

        if (root is not JsonObject document)
        {
            errors.Add($"--config {path}: expected an MqttSource object (apiVersion, kind, metadata, spec)");
            return (null, "mqtt-source");
        }

        if (document["kind"]?.GetValueKind() == JsonValueKind.String && document["kind"]!.GetValue<string>() != "MqttSource")
        {
            errors.Add($"--config {path}: kind is '{document["kind"]}', expected MqttSource");
        }

        var name = flags["--name"] ?? (document["metadata"]?["name"] is JsonValue v && v.TryGetValue<string>(out var n) ? n : Path.GetFileNameWithoutExtension(path));
        if (document["spec"] is not JsonObject specNode)
        {
            errors.Add($"--config {path}: spec: required");
            return (null, name);
        }

        return (FromJson(specNode.ToJsonString(), $"--config {path}"), name);
    }

    public MqttSourceSpec? FromJson(string json, string origin)
    {
        try
        {
            return MqttSourceSpec.FromJson(json);
        }
        catch (MqttSourceValidationException ex)
        {
            errors.AddRange(ex.Errors.Select(e => $"{origin}: {e}"));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            errors.Add($"{origin}: {ex.Message}");
        }

        return null;
    }

    public MqttSourceSpec FromFlags(CommandLineOptions flags)
    {
        if (flags["--broker"] is null)
        {
            errors.Add("--broker: required with --topic (e.g. --broker mqtt://127.0.0.1:1883)");
        }

        if (flags.Topics.Count == 0)
        {
            errors.Add("--topic: at least one is required with --broker (e.g. --topic 'sensors/#')");
        }

        var qos = flags.Int("--qos", 0, 2);
        return new MqttSourceSpec
        {
            Broker = new BrokerSpec { Url = flags["--broker"] ?? "mqtt://127.0.0.1:1883" },
            Topics = [.. flags.Topics.Select(t => new TopicSpec { Filter = t, Qos = qos })],
            Sink = new Destination { Uri = flags["--sink"] },
        };
    }

    public MqttSourceSpec ApplyFlagOverrides(MqttSourceSpec spec, CommandLineOptions flags)
    {
        var ev = spec.Event ?? new EventSpec();
        ev = ev with
        {
            Type = flags["--type"] ?? ev.Type,
            Source = flags["--source"] ?? ev.Source,
            ContentMode = flags["--content-mode"] ?? ev.ContentMode,
        };
        var broker = spec.Broker ?? new BrokerSpec();
        broker = broker with { ProtocolVersion = flags["--protocol-version"] ?? broker.ProtocolVersion, Session = SessionFromFlags(flags, broker.Session) };
        var delivery = spec.Delivery ?? new DeliverySpec();
        delivery = delivery with { Retry = flags.Int("--retry", 0, int.MaxValue) ?? delivery.Retry };
        return spec with
        {
            Event = ev,
            Broker = broker,
            Delivery = delivery,
            Parallelism = flags.Int("--parallelism", 1, 1000) ?? spec.Parallelism,
            Ordering = flags["--ordering"] ?? spec.Ordering,
        };
    }

    /// <summary><c>--session persistent|clean</c> and <c>--session-expiry DURATION</c> over <c>spec.broker.session</c>.</summary>
    private SessionSpec? SessionFromFlags(CommandLineOptions flags, SessionSpec? session)
    {
        var kind = flags["--session"];
        var expiry = flags["--session-expiry"];
        if (kind is null && expiry is null)
        {
            return session;
        }

        bool? persistent = kind switch
        {
            "persistent" => true,
            "clean" => false,
            _ => null,
        };
        if (kind is not null && persistent is null)
        {
            errors.Add($"--session must be persistent or clean (got '{kind}')");
        }

        if (expiry is not null)
        {
            if (persistent == false || (kind is null && session?.Persistent == false))
            {
                errors.Add("--session-expiry: only with a persistent session (a clean session keeps nothing after a disconnect)");
            }
            else if (!GoDuration.TryParse(expiry, out var value, out var error))
            {
                errors.Add($"--session-expiry: {error}");
            }
            else if (value <= TimeSpan.Zero || value > MqttSourceValidator.MaxSessionExpiry)
            {
                errors.Add($"--session-expiry must be more than 0 and at most {(uint)MqttSourceValidator.MaxSessionExpiry.TotalSeconds}s (got '{expiry}'); for no stored session use --session clean");
            }
            else
            {
                persistent = true;
            }
        }

        return (session ?? new SessionSpec()) with
        {
            Persistent = persistent ?? session?.Persistent,
            Expiry = persistent == false ? null : expiry ?? session?.Expiry,
        };
    }
}
