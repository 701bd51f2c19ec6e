using System.Text.Json.Nodes;

namespace MqttSource.Testing.Kubernetes;

/// <summary>An API error the fake server answers with: the HTTP code and a <c>Status</c> body as the real server writes it.</summary>
internal sealed class FakeApiError : Exception
{
    public FakeApiError(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Status = StatusBody(code, reason, message, details);
    }

    public int Code { get; }

    public JsonObject Status { get; }

    public static JsonObject StatusBody(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        status["code"] = code;
        return status;
    }

    /// <summary><c>statefulsets.apps "x"</c> / <c>services "x"</c>, as in the server's messages.</summary>
    public static string Qualified(ResourceKey resource, string name) =>
        resource.Group.Length == 0 ? $"{resource.Plural} \"{name}\"" : $"{resource.Plural}.{resource.Group} \"{name}\"";

    public static JsonObject Details(ResourceKey resource, string name)
    {
        var details = new JsonObject { ["name"] = name };
        if (resource.Group.Length > 0)
        {
            details["group"] = resource.Group;
        }

        details["kind"] = resource.Plural;
        return details;
    }

    public static FakeApiError NotFound(ResourceKey resource, string name) =>
        new(404, "NotFound", $"{Qualified(resource, name)} not found", Details(resource, name));

    public static FakeApiError AlreadyExists(ResourceKey resource, string name) =>
        new(409, "AlreadyExists", $"{Qualified(resource, name)} already exists", Details(resource, name));

    public static FakeApiError Conflict(ResourceKey resource, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {Qualified(resource, name)}: the object has been modified; please apply your changes to the latest version and try again",
            Details(resource, name));

    public static FakeApiError BadRequest(string message) => new(400, "BadRequest", message);

    public static FakeApiError Expired(string message) => new(410, "Expired", message);

    public static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "NotFound",
        405 => "MethodNotAllowed",
        409 => "Conflict",
        410 => "Expired",
        415 => "UnsupportedMediaType",
        422 => "Invalid",
        429 => "TooManyRequests",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "InternalError",
    };
}
