using System.Text.RegularExpressions;
using MqttSource.Apis.Spec;

namespace MqttSource.Apis.Validation;

/// <summary>The rules for what a spec refers to in the cluster: destinations (sink, dead-letter sink) and Secret keys.</summary>
internal static partial class ReferenceRules
{
    public static void Destination(Destination destination, string path, bool uriOnly, List<FieldError> errors)
    {
        var uri = destination.Uri;
        if (destination.Ref is null && string.IsNullOrEmpty(uri))
        {
            errors.Add(new(path, uriOnly ? "needs a uri (an absolute http or https URI)" : "needs a ref or a uri"));
        }

        if (destination.Ref is { } reference)
        {
            if (uriOnly)
            {
                errors.Add(new(path + ".ref", "cannot be resolved without Kubernetes; set " + path + ".uri to an absolute http(s) URI"));
            }

            Required(reference.ApiVersion, path + ".ref.apiVersion", errors);
            Required(reference.Kind, path + ".ref.kind", errors);
            Required(reference.Name, path + ".ref.name", errors);
            if (reference.Namespace is { Length: > 0 } ns && !DnsLabel().IsMatch(ns))
            {
                errors.Add(new(path + ".ref.namespace", "must be a namespace name (a DNS label)"));
            }
        }

        if (!string.IsNullOrEmpty(uri))
        {
            if (destination.Ref is not null && !uriOnly)
            {
                if (UriText.HasScheme(uri) || !UriText.IsUriReference(uri))
                {
                    errors.Add(new(path + ".uri", "must be a relative URI when ref is set (it is joined to the ref's address), got \"" + uri + "\""));
                }
            }
            else if (UriText.CheckAbsoluteHttp(uri) is { } uriError)
            {
                errors.Add(new(path + ".uri", uriError));
            }
        }

        if (destination.CACerts is { Length: > 0 } caCerts && !caCerts.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
        {
            errors.Add(new(path + ".CACerts", "must be PEM certificates (-----BEGIN CERTIFICATE-----)"));
        }
    }

    public static void Secret(SecretKeySelector? selector, string path, List<FieldError> errors)
    {
        if (selector is null)
        {
            return;
        }

        if (selector.SecretKeyRef is not { } reference)
        {
            errors.Add(new(path + ".secretKeyRef", "required: { name: <secret>, key: <key> }"));
            return;
        }

        if (Required(reference.Name, path + ".secretKeyRef.name", errors) && !DnsSubdomain().IsMatch(reference.Name!))
        {
            errors.Add(new(path + ".secretKeyRef.name", "must be a Secret name (lower-case DNS subdomain)"));
        }

        if (Required(reference.Key, path + ".secretKeyRef.key", errors) && !SecretKey().IsMatch(reference.Key!))
        {
            errors.Add(new(path + ".secretKeyRef.key", "must be a Secret key (letters, digits, '-', '_', '.')"));
        }
    }

    private static bool Required(string? value, string path, List<FieldError> errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add(new(path, "required"));
            return false;
        }

        return true;
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();

    [GeneratedRegex("^[-._a-zA-Z0-9]{1,253}$")]
    private static partial Regex SecretKey();
}
