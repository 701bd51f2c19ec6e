namespace MqttSource.Testing.Faults;

/// <summary>One request a <see cref="RedirectSink"/> answered with a redirect.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path it came to.</param>
/// <param name="EventId">Its <c>ce-id</c> header (binary mode), or null.</param>
/// <param name="BodyLength">How many body bytes came with it.</param>
/// <param name="ArrivedAt">When it arrived (UTC).</param>
public sealed record RedirectedRequest(string Method, string Path, string? EventId, long BodyLength, DateTimeOffset ArrivedAt);
