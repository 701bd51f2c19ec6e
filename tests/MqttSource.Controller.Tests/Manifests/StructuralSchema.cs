using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace MqttSource.Controller.Tests.Manifests;

/// <summary>
/// A small check of a value against a CRD's structural openAPIV3Schema: type, properties and unknown fields,
/// required, enum, minimum/maximum, minLength/maxLength, pattern, minItems, maxProperties, items,
/// additionalProperties, nullable, x-kubernetes-preserve-unknown-fields. CEL rules are not evaluated.
/// Unknown fields are reported (the API server would prune them silently: in a sample that is a typo).
/// </summary>
internal static class StructuralSchema
{
    public static IReadOnlyList<string> Validate(JsonNode? value, JsonObject schema)
    {
        var errors = new List<string>();
        Check(value, schema, "", errors);
        return errors;
    }

    private static void Check(JsonNode? value, JsonObject schema, string path, List<string> errors)
    {
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true)
            {
                errors.Add($"{path}: null is not allowed");
            }

            return;
        }

        var type = schema["type"]?.GetValue<string>();
        switch (type)
        {
            case "object":
                if (value is not JsonObject obj)
                {
                    errors.Add($"{path}: expected an object");
                    return;
                }

                CheckObject(obj, schema, path, errors);
                break;
            case "array":
                if (value is not JsonArray array)
                {
                    errors.Add($"{path}: expected an array");
                    return;
                }

                if (schema["minItems"]?.GetValue<long>() is { } minItems && array.Count < minItems)
                {
                    errors.Add($"{path}: at least {minItems} items");
                }

                if (schema["items"] is JsonObject items)
                {
                    for (var i = 0; i < array.Count; i++)
                    {
                        Check(array[i], items, path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]", errors);
                    }
                }

                break;
            case "string":
                if (value.GetValueKind() != JsonValueKind.String)
                {
                    errors.Add($"{path}: expected a string");
                    return;
                }

                CheckString(value.GetValue<string>(), schema, path, errors);
                break;
            case "integer":
                if (value.GetValueKind() != JsonValueKind.Number || !long.TryParse(value.ToJsonString(), CultureInfo.InvariantCulture, out var number))
                {
                    errors.Add($"{path}: expected an integer");
                    return;
                }

                if (schema["minimum"]?.GetValue<long>() is { } min && number < min)
                {
                    errors.Add($"{path}: must be >= {min}");
                }

                if (schema["maximum"]?.GetValue<long>() is { } max && number > max)
                {
                    errors.Add($"{path}: must be <= {max}");
                }

                break;
            case "boolean":
                if (value.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
                {
                    errors.Add($"{path}: expected a boolean");
                }

                break;
            case null when schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true:
                break;
            default:
                errors.Add($"{path}: schema type '{type}' not supported by this check");
                break;
        }
    }

    private static void CheckObject(JsonObject obj, JsonObject schema, string path, List<string> errors)
    {
        if (path == "metadata")
        {
            return; // ObjectMeta is validated by the API server itself, not by the CRD schema
        }

        foreach (var required in schema["required"] as JsonArray ?? [])
        {
            if (!obj.ContainsKey(required!.GetValue<string>()))
            {
                errors.Add($"{Join(path, required.GetValue<string>())}: required");
            }
        }

        if (schema["maxProperties"]?.GetValue<long>() is { } maxProperties && obj.Count > maxProperties)
        {
            errors.Add($"{path}: at most {maxProperties} properties");
        }

        var properties = schema["properties"] as JsonObject;
        var preserve = schema["x-kubernetes-preserve-unknown-fields"]?.GetValue<bool>() == true;
        foreach (var (name, child) in obj)
        {
            if (properties?[name] is JsonObject propertySchema)
            {
                Check(child, propertySchema, Join(path, name), errors);
            }
            else if (schema["additionalProperties"] is JsonObject additional)
            {
                Check(child, additional, Join(path, name), errors);
            }
            else if (!preserve)
            {
                errors.Add($"{Join(path, name)}: unknown field");
            }
        }
    }

    private static void CheckString(string text, JsonObject schema, string path, List<string> errors)
    {
        if (schema["enum"] is JsonArray values && !values.Any(v => v?.GetValue<string>() == text))
        {
            errors.Add($"{path}: '{text}' is not one of {values.ToJsonString()}");
        }

        if (schema["minLength"]?.GetValue<long>() is { } minLength && text.Length < minLength)
        {
            errors.Add($"{path}: at least {minLength} characters");
        }

        if (schema["maxLength"]?.GetValue<long>() is { } maxLength && text.Length > maxLength)
        {
            errors.Add($"{path}: at most {maxLength} characters");
        }

        if (schema["pattern"]?.GetValue<string>() is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
        {
            errors.Add($"{path}: does not match {pattern}");
        }
    }

    private static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;
}
