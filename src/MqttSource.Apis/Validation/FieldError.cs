namespace MqttSource.Apis.Validation;

/// <summary>One problem with one field, e.g. <c>spec.topics[1].filter: '#' must be the last level</c>.</summary>
/// <param name="Path">The field path from <c>spec</c> (or <c>status</c>), e.g. <c>spec.topics[1].filter</c>.</param>
/// <param name="Message">What is wrong, in words a user can act on.</param>
public sealed record FieldError(string Path, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Path + ": " + Message;

    /// <summary>All errors on one line each (for exceptions and logs) — or "; " separated with <paramref name="separator"/>.</summary>
    public static string Join(IEnumerable<FieldError> errors, string separator = "; ") =>
        string.Join(separator, errors.Select(e => e.ToString()));
}
