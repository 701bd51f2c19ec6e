using k8s.Models;

namespace MqttSource.Controller.Reconciler;

/// <summary>The adapter container's env (the Knative env contract, README "Environment contract") and the volumes it needs.</summary>
internal static class ReceiveAdapterEnv
{
    /// <summary>The env of the adapter of <paramref name="args"/>; adds the token and TLS volumes and mounts it refers to.</summary>
    public static List<V1EnvVar> Make(ReceiveAdapterArgs args, string name, string ns, List<V1Volume> volumes, List<V1VolumeMount> mounts)
    {
        var spec = args.Spec;
        var env = new List<V1EnvVar>
        {
            Value("NAME", name),
            Value("NAMESPACE", ns),
            new() { Name = "POD_NAME", ValueFrom = new V1EnvVarSource { FieldRef = new V1ObjectFieldSelector { ApiVersion = "v1", FieldPath = "metadata.name" } } },
            Value("K_SINK", args.Sink.Uri.AbsoluteUri),
        };
        if (args.Sink.CACerts is { Length: > 0 } caCerts)
        {
            env.Add(Value("K_CA_CERTS", caCerts));
        }

        if (args.Sink.Audience is { Length: > 0 } audience)
        {
            env.Add(Value("K_AUDIENCE", audience));
            env.Add(Value("K_OIDC_TOKEN_FILE", ReceiveAdapter.TokenFile));
            volumes.Add(new V1Volume
            {
                Name = "oidc-token",
                Projected = new V1ProjectedVolumeSource
                {
                    Sources = [new V1VolumeProjection { ServiceAccountToken = new V1ServiceAccountTokenProjection { Audience = audience, ExpirationSeconds = 3600, Path = "oidc-token" } }],
                },
            });
            mounts.Add(new V1VolumeMount { Name = "oidc-token", MountPath = ReceiveAdapter.TokenDirectory, ReadOnlyProperty = true });
        }

        if (args.DeadLetterSink is { } deadLetter)
        {
            env.Add(Value("K_DEAD_LETTER_SINK", deadLetter.Uri.AbsoluteUri));
        }

        if (spec.CeOverrides?.Extensions is { Count: > 0 })
        {
            env.Add(Value("K_CE_OVERRIDES", spec.CeOverrides.ToJson()));
        }

        if (args.LoggingConfig is { Length: > 0 } logging)
        {
            env.Add(Value("K_LOGGING_CONFIG", logging));
        }

        if (args.ObservabilityConfig is { Length: > 0 } observability)
        {
            env.Add(Value("K_OBSERVABILITY_CONFIG", observability));
        }

        env.Add(Value("HTTP_PORT", ReceiveAdapter.Text(ReceiveAdapter.HttpPort)));
        // The spec without the pod overrides (those shape the pod, not the adapter); the adapter validates it again.
        env.Add(Value("MQTT_SOURCE_SPEC", (spec with { Adapter = null }).ToJson()));
        if (spec.Broker?.Auth is { } auth)
        {
            AddSecretEnv(env, "MQTT_USERNAME", auth.Username);
            AddSecretEnv(env, "MQTT_PASSWORD", auth.Password);
        }

        if (spec.Broker?.Tls is { } tls)
        {
            AddSecretFile(env, volumes, mounts, "MQTT_TLS_CA_FILE", "tls-ca", "ca.crt", tls.CaCert);
            AddSecretFile(env, volumes, mounts, "MQTT_TLS_CERT_FILE", "tls-cert", "tls.crt", tls.ClientCert);
            AddSecretFile(env, volumes, mounts, "MQTT_TLS_KEY_FILE", "tls-key", "tls.key", tls.ClientKey);
        }

        foreach (var extra in args.Overrides.Env)
        {
            var index = env.FindIndex(e => e.Name == extra.Name);
            if (index >= 0)
            {
                env[index] = extra;
            }
            else
            {
                env.Add(extra);
            }
        }

        return env;
    }

    private static void AddSecretEnv(List<V1EnvVar> env, string variable, Apis.Spec.SecretKeySelector? selector)
    {
        if (selector?.SecretKeyRef is { Name: { Length: > 0 } secret, Key: { Length: > 0 } key })
        {
            env.Add(new V1EnvVar { Name = variable, ValueFrom = new V1EnvVarSource { SecretKeyRef = new V1SecretKeySelector { Name = secret, Key = key } } });
        }
    }

    private static void AddSecretFile(List<V1EnvVar> env, List<V1Volume> volumes, List<V1VolumeMount> mounts, string variable, string volume, string file, Apis.Spec.SecretKeySelector? selector)
    {
        if (selector?.SecretKeyRef is not { Name: { Length: > 0 } secret, Key: { Length: > 0 } key })
        {
            return;
        }

        var directory = ReceiveAdapter.TlsDirectory + "/" + volume["tls-".Length..];
        volumes.Add(new V1Volume
        {
            Name = volume,
            Secret = new V1SecretVolumeSource { SecretName = secret, Items = [new V1KeyToPath { Key = key, Path = file }] },
        });
        mounts.Add(new V1VolumeMount { Name = volume, MountPath = directory, ReadOnlyProperty = true });
        env.Add(Value(variable, directory + "/" + file));
    }

    private static V1EnvVar Value(string name, string value) => new() { Name = name, Value = value };
}
