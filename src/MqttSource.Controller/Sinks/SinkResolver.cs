using System.Globalization;
using System.Net;
using System.Text.Json;
using k8s;
using MqttSource.Apis.Spec;
using MqttSource.Controller.Api;
using MqttSource.Controller.Resources;
using MqttSource.Controller.Tracking;

namespace MqttSource.Controller.Sinks;

/// <summary>
/// Resolves a Knative Destination (PRODUCT.md §3, REFERENCE.md "Sink resolution"): a <c>ref</c> to an Addressable
/// gives its <c>status.address.url</c> (with <c>CACerts</c>/<c>audience</c>); a core <c>v1</c> Service gives
/// <c>http://&lt;name&gt;.&lt;ns&gt;.svc.cluster.local/</c>; a <c>uri</c> alone is used as is; a ref and a relative uri are joined.
/// </summary>
internal sealed class SinkResolver(IKubernetes client, string clusterDomain = "cluster.local")
{
    /// <summary>Resolves <paramref name="destination"/> of an object in <paramref name="namespace"/>; <paramref name="field"/> names it in messages.</summary>
    public async Task<SinkResolution> ResolveAsync(Destination? destination, string @namespace, string field, CancellationToken cancellationToken)
    {
        var reference = destination?.Ref;
        var uriText = string.IsNullOrEmpty(destination?.Uri) ? null : destination.Uri;
        if (destination is null || (reference is null && uriText is null))
        {
            return SinkResolution.Failed(SinkReasons.Invalid, $"{field}: set ref (e.g. a Broker) and/or uri", retry: false);
        }

        var caCerts = string.IsNullOrEmpty(destination.CACerts) ? null : destination.CACerts;
        var audience = string.IsNullOrEmpty(destination.Audience) ? null : destination.Audience;
        if (reference is null)
        {
            return Uri.TryCreate(uriText, UriKind.Absolute, out var absolute) && (absolute.Scheme == Uri.UriSchemeHttp || absolute.Scheme == Uri.UriSchemeHttps)
                ? SinkResolution.Resolved(new ResolvedSink(absolute, caCerts, audience))
                : SinkResolution.Failed(SinkReasons.Invalid, $"{field}.uri: must be an absolute http(s) URL without a ref (got \"{uriText}\")", retry: false);
        }

        if (string.IsNullOrEmpty(reference.Kind) || string.IsNullOrEmpty(reference.Name) || string.IsNullOrEmpty(reference.ApiVersion))
        {
            return SinkResolution.Failed(SinkReasons.Invalid, $"{field}.ref: apiVersion, kind and name are required", retry: false);
        }

        Uri? relative = null;
        if (uriText is not null && (!Uri.TryCreate(uriText, UriKind.Relative, out relative)))
        {
            return SinkResolution.Failed(SinkReasons.Invalid, $"{field}.uri: must be relative when a ref is set (got \"{uriText}\")", retry: false);
        }

        var ns = string.IsNullOrEmpty(reference.Namespace) ? @namespace : reference.Namespace;
        var what = string.Create(CultureInfo.InvariantCulture, $"{reference.Kind} \"{reference.Name}\" ({reference.ApiVersion}) in namespace {ns}");
        try
        {
            Uri address;
            if (reference.ApiVersion == "v1" && reference.Kind == "Service")
            {
                await client.CoreV1.ReadNamespacedServiceAsync(reference.Name, ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://{reference.Name}.{ns}.svc.{clusterDomain}/"));
            }
            else
            {
                var (group, version) = TrackedReference.SplitApiVersion(reference.ApiVersion);
                var plural = KindPlurals.Of(reference.Kind);
                var found = await client.CustomObjects.GetNamespacedCustomObjectAsync(group, version, ns, plural, reference.Name, cancellationToken).ConfigureAwait(false);
                var target = ((JsonElement)found).Deserialize(ControllerJson.TypeInfo<AddressableResource>());
                var addressable = target?.Status?.Address;
                var url = addressable?.Url;
                if (string.IsNullOrEmpty(url) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed))
                {
                    return SinkResolution.Failed(
                        SinkReasons.NotAddressable,
                        $"{field}.ref: {what} has no status.address.url yet; it is not addressable (check: kubectl get {plural}.{group} {reference.Name} -n {ns})",
                        retry: true);
                }

                address = parsed;
                caCerts ??= NullIfEmpty(addressable!.CACerts);
                audience ??= NullIfEmpty(addressable?.Audience);
            }

            if (relative is not null)
            {
                address = new Uri(address, relative);
            }

            return SinkResolution.Resolved(new ResolvedSink(address, caCerts, audience));
        }
        catch (Exception ex) when (ApiErrors.IsNotFound(ex))
        {
            return NotFound(field, what);
        }
        catch (Exception ex) when (ApiErrors.IsApiFailure(ex))
        {
            var hint = ApiErrors.StatusCode(ex) == (int)HttpStatusCode.Forbidden
                ? " (the controller may not read it: bind its service account to Knative's addressable-resolver ClusterRole, see config/202-clusterrolebinding.yaml)"
                : string.Empty;
            return SinkResolution.Failed(SinkReasons.ResolutionFailed, $"{field}.ref: cannot read {what}: {ApiErrors.Message(ex)}{hint}", retry: true);
        }
    }

    private static string? NullIfEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static SinkResolution NotFound(string field, string what) =>
        SinkResolution.Failed(SinkReasons.NotFound, $"{field}.ref: {what} not found; create it or fix {field}.ref (is the kind installed?)", retry: true);
}
