namespace MqttSource.Controller.Machinery;

/// <summary>One page of a list: its items, the list's resourceVersion and the token of the next page, if any.</summary>
/// <typeparam name="T">The object type.</typeparam>
internal sealed record ListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);
