using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace MqttSource.Testing.Kubernetes;

/// <summary>One open watch: what it selects and the lines waiting to be written to it.</summary>
internal sealed class WatchSubscription
{
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _drop = new();

    public WatchSubscription(ResourceKey resource, string apiVersion, string? @namespace, LabelSelector labels, Func<JsonObject, bool> fields, bool bookmarks)
    {
        Resource = resource;
        ApiVersion = apiVersion;
        Namespace = @namespace;
        Labels = labels;
        Fields = fields;
        Bookmarks = bookmarks;
    }

    public ResourceKey Resource { get; }

    public string ApiVersion { get; }

    public string? Namespace { get; }

    public LabelSelector Labels { get; }

    public Func<JsonObject, bool> Fields { get; }

    public bool Bookmarks { get; }

    public ChannelReader<string> Lines => _lines.Reader;

    /// <summary>Cancelled when a test drops the connection.</summary>
    public CancellationToken Dropped => _drop.Token;

    public bool Selects(JsonObject obj) =>
        (Namespace is null || FakeObjects.NamespaceOf(obj) == Namespace) && Labels.Matches(FakeObjects.LabelsOf(obj)) && Fields(obj);

    public void Send(string type, JsonObject obj) =>
        _lines.Writer.TryWrite(FakeJson.Write(new JsonObject { ["type"] = type, ["object"] = obj.DeepClone() }));

    public void SendRaw(string line) => _lines.Writer.TryWrite(line);

    /// <summary>Ends the stream after the lines already queued.</summary>
    public void Complete() => _lines.Writer.TryComplete();

    public void Drop()
    {
        _lines.Writer.TryComplete();
        _drop.Cancel();
    }
}
