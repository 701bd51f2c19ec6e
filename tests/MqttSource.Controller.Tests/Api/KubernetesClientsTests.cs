using System.Text.Json;
using k8s;
using k8s.Exceptions;
using MqttSource.Controller.Api;
using MqttSource.Controller.Resources;
using Xunit;

namespace MqttSource.Controller.Tests.Api;

/// <summary>Where the controller's API server and credentials come from, against the fake API server (real HTTP).</summary>
public sealed class KubernetesClientsTests : FakeCluster, IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("mqtt-source-kube-");

    public void Dispose() => _home.Delete(recursive: true);

    private string WriteKubeconfig(string user)
    {
        var path = Path.Combine(_home.FullName, "config-" + Guid.NewGuid().ToString("N")[..6]);
        File.WriteAllText(path, $"""
            apiVersion: v1
            kind: Config
            current-context: fake
            clusters:
            - name: fake
              cluster:
                server: {Server.BaseAddress}
            contexts:
            - name: fake
              context:
                cluster: fake
                user: someone
                namespace: edge
            users:
            - name: someone
              user:
            {user}
            """);
        return path;
    }

    [Fact]
    public async Task LoadConfiguration_ExecCredentialPlugin_TokenFromThePluginOnEveryRequest()
    {
        var plugin = Path.Combine(_home.FullName, "credential-plugin.sh");
        await File.WriteAllTextAsync(plugin, """
            #!/bin/sh
            # An exec credential plugin, as cloud CLIs are: prints an ExecCredential with a token.
            echo '{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{"token":"exec-token-42"}}'
            """.Replace("\r", string.Empty, StringComparison.Ordinal));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(plugin, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        var kubeconfig = WriteKubeconfig($"""
                exec:
                  apiVersion: client.authentication.k8s.io/v1
                  command: {plugin}
                  interactiveMode: Never
            """);
        Server.RequiredBearerToken = "exec-token-42";
        SeedSource("telemetry", Spec());

        var configuration = KubernetesClients.LoadConfiguration(n => n == "KUBECONFIG" ? kubeconfig : null, _home.FullName);
        using var client = KubernetesClients.Create(configuration);
        var source = await MqttSourceResources.TryGetAsync(client, "edge", "telemetry", CancellationToken.None);

        Assert.Equal("edge", configuration.Namespace);
        Assert.Equal("telemetry", source!.Metadata.Name);
        Assert.All(Server.Requests, r => Assert.Equal("Bearer exec-token-42", r.Authorization));
    }

    [Fact]
    public async Task LoadConfiguration_DefaultFileInHome_UsedWithoutKubeconfigVariable()
    {
        var kubeconfig = WriteKubeconfig("""
                token: static-token
            """);
        Directory.CreateDirectory(Path.Combine(_home.FullName, ".kube"));
        File.Move(kubeconfig, Path.Combine(_home.FullName, ".kube", "config"));
        Server.RequiredBearerToken = "static-token";

        using var client = KubernetesClients.Create(KubernetesClients.LoadConfiguration(_ => null, _home.FullName));
        var list = await client.AppsV1.ListStatefulSetForAllNamespacesAsync();

        Assert.Empty(list.Items);
    }

    [Fact]
    public void LoadConfiguration_Nothing_ErrorSaysWhereItLooked()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubernetesClients.LoadConfiguration(_ => null, _home.FullName));

        Assert.Contains("KUBECONFIG", error.Message, StringComparison.Ordinal);
        Assert.Contains("~/.kube/config", error.Message, StringComparison.Ordinal);
        Assert.Contains("service account", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadConfiguration_KubeconfigNamesMissingFile_ClearError()
    {
        var error = Assert.Throws<KubeConfigException>(() => KubernetesClients.LoadConfiguration(n => n == "KUBECONFIG" ? "/nonexistent/kubeconfig" : null, _home.FullName));

        Assert.Contains("/nonexistent/kubeconfig", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadConfiguration_UserWithoutCredentials_ErrorNamesTheUser()
    {
        var kubeconfig = WriteKubeconfig("""
                {}
            """);

        var error = Assert.Throws<KubeConfigException>(() => KubernetesClients.LoadConfiguration(n => n == "KUBECONFIG" ? kubeconfig : null, _home.FullName));

        Assert.Contains("someone", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ControllerJson_CustomResource_RoundTripsThroughTheClientOptions()
    {
        var json = """{"apiVersion":"sources.knative.dev/v1alpha1","kind":"MqttSource","metadata":{"name":"t","namespace":"edge","creationTimestamp":"2025-01-02T03:04:05Z"},"spec":{"x":1},"status":{"sinkUri":"http://s/","auth":{"serviceAccountName":"sa"}}}""";

        var source = JsonSerializer.Deserialize(json, ControllerJson.TypeInfo<MqttSourceResource>())!;
        var written = KubernetesJson.Serialize(source, ControllerJson.Options);

        Assert.Equal("sa", source.Status!.Auth!.ServiceAccountName);
        Assert.Equal(new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc), source.Metadata.CreationTimestamp);
        Assert.Contains("\"sinkUri\":\"http://s/\"", written, StringComparison.Ordinal);
        Assert.Contains("\"creationTimestamp\":\"2025-01-02T03:04:05Z\"", written, StringComparison.Ordinal);
    }

    [Fact]
    public void ControllerJson_StatusOfTheWrongShape_ReadAsNoStatus()
    {
        var json = """{"metadata":{"name":"t"},"spec":{},"status":{"conditions":"broken"}}""";

        var source = JsonSerializer.Deserialize(json, ControllerJson.TypeInfo<MqttSourceResource>())!;

        Assert.Null(source.Status);
        Assert.NotNull(source.Spec);
    }
}
