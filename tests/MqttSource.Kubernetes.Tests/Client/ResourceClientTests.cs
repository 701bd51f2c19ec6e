using System.Text.Json.Nodes;
using MqttSource.Kubernetes.Client;
using MqttSource.Kubernetes.Models;
using Xunit;

namespace MqttSource.Kubernetes.Tests.Client;

public sealed class ResourceClientTests : FakeClusterTest
{
    [Fact]
    public async Task Create_NewObject_ServerSetsUidCreationTimestampGenerationAndResourceVersion()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.Equal("apps/v1", created.ApiVersion);
        Assert.Equal("example/adapter:1", created.Spec!.Template!.Spec!.Containers[0].Image);
        var request = Server.Requests.Single(r => r.Method == "POST");
        Assert.Equal("/apis/apps/v1/namespaces/default/statefulsets", request.Path);
    }

    [Fact]
    public async Task Create_ExistingName_ThrowsAlreadyExistsWithStatus()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());

        var error = await Assert.ThrowsAsync<ApiException>(() => Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout()));

        Assert.True(error.IsAlreadyExists);
        Assert.False(error.IsConflict);
        Assert.Equal(409, error.StatusCode);
        Assert.Equal("a", error.Status.Details!.Name);
        Assert.Equal("statefulsets.apps \"a\" already exists", error.Status.Message);
    }

    [Fact]
    public async Task Get_Missing_ThrowsNotFoundWithStatusBody()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => Client.StatefulSets().GetAsync("default", "nope", TestTimeout()));

        Assert.True(error.IsNotFound);
        Assert.Equal("Status", error.Status.Kind);
        Assert.Equal("v1", error.Status.ApiVersion);
        Assert.Equal("Failure", error.Status.Outcome);
        Assert.Equal("NotFound", error.Reason);
        Assert.Equal(404, error.Status.Code);
        Assert.Equal("nope", error.Status.Details!.Name);
        Assert.Equal("apps", error.Status.Details.Group);
        Assert.Equal("statefulsets", error.Status.Details.Kind);
        Assert.Null(await Client.StatefulSets().TryGetAsync("default", "nope", TestTimeout()));
    }

    [Fact]
    public async Task Replace_StaleResourceVersion_ThrowsConflict()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        var stale = created.Metadata.ResourceVersion;
        created.Spec!.Replicas = 2;
        await Client.StatefulSets().ReplaceAsync(created, TestTimeout());

        created.Metadata.ResourceVersion = stale;
        created.Spec.Replicas = 3;
        var error = await Assert.ThrowsAsync<ApiException>(() => Client.StatefulSets().ReplaceAsync(created, TestTimeout()));

        Assert.True(error.IsConflict);
        Assert.Equal("Conflict", error.Reason);
        Assert.Equal(2, (await Client.StatefulSets().GetAsync("default", "a", TestTimeout())).Spec!.Replicas);
    }

    [Fact]
    public async Task Replace_Missing_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => Client.StatefulSets().ReplaceAsync(TestObjects.StatefulSet("ghost"), TestTimeout()));

        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task Replace_SpecChange_IncrementsGenerationAndResourceVersion()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        created.Spec!.Replicas = 4;

        var replaced = await Client.StatefulSets().ReplaceAsync(created, TestTimeout());

        Assert.Equal(2, replaced.Metadata.Generation);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion!) > long.Parse(created.Metadata.ResourceVersion!));
    }

    [Fact]
    public async Task Replace_MetadataOnlyChange_KeepsGeneration()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        created.Metadata.Labels!["extra"] = "yes";

        var replaced = await Client.StatefulSets().ReplaceAsync(created, TestTimeout());

        Assert.Equal(1, replaced.Metadata.Generation);
        Assert.Equal("yes", replaced.Metadata.Labels!["extra"]);
        Assert.NotEqual(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Replace_Unchanged_IsNoOpWithSameResourceVersion()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());

        var replaced = await Client.StatefulSets().ReplaceAsync(created, TestTimeout());

        Assert.Equal(created.Metadata.ResourceVersion, replaced.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Replace_MainResource_IgnoresStatusChanges()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        created.Status = new StatefulSetStatus { ReadyReplicas = 7 };
        created.Spec!.Replicas = 2;

        var replaced = await Client.StatefulSets().ReplaceAsync(created, TestTimeout());

        Assert.Null(replaced.Status);
        Assert.Equal(2, replaced.Spec!.Replicas);
    }

    [Fact]
    public async Task ReplaceStatus_ChangesOnlyStatusAndKeepsGeneration()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        created.Status = new StatefulSetStatus { ReadyReplicas = 1, ObservedGeneration = 1 };
        created.Spec!.Replicas = 9;
        created.Metadata.Labels!["ignored"] = "yes";

        var replaced = await Client.StatefulSets().ReplaceStatusAsync(created, TestTimeout());

        Assert.Equal(1, replaced.Status!.ReadyReplicas);
        Assert.Equal(1, replaced.Spec!.Replicas);
        Assert.False(replaced.Metadata.Labels!.ContainsKey("ignored"));
        Assert.Equal(1, replaced.Metadata.Generation);
        Assert.Equal("/apis/apps/v1/namespaces/default/statefulsets/a/status", Server.Requests[^1].Path);
    }

    [Fact]
    public async Task ReplaceStatus_StaleResourceVersion_ThrowsConflict()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        await Client.StatefulSets().PatchAsync("default", "a", Obj("""{"metadata":{"labels":{"x":"1"}}}"""), TestTimeout());
        created.Status = new StatefulSetStatus { ReadyReplicas = 1 };

        var error = await Assert.ThrowsAsync<ApiException>(() => Client.StatefulSets().ReplaceStatusAsync(created, TestTimeout()));

        Assert.True(error.IsConflict);
    }

    [Fact]
    public async Task Patch_MergePatch_MergesObjectsRemovesNullsReplacesArrays()
    {
        var sts = TestObjects.StatefulSet("a");
        sts.Metadata.Annotations = new Dictionary<string, string> { ["keep"] = "1", ["drop"] = "2" };
        await Client.StatefulSets().CreateAsync(sts, TestTimeout());

        var patched = await Client.StatefulSets().PatchAsync(
            "default",
            "a",
            Obj("""{"metadata":{"annotations":{"drop":null,"new":"3"}},"spec":{"replicas":5,"template":{"spec":{"containers":[{"name":"other","image":"x"}]}}}}"""),
            TestTimeout());

        Assert.Equal(new Dictionary<string, string> { ["keep"] = "1", ["new"] = "3" }, patched.Metadata.Annotations);
        Assert.Equal(5, patched.Spec!.Replicas);
        Assert.Equal("other", Assert.Single(patched.Spec.Template!.Spec!.Containers).Name);
        Assert.Equal("a", patched.Spec.ServiceName);
        Assert.Equal(2, patched.Metadata.Generation);
        Assert.StartsWith("application/merge-patch+json", Server.Requests[^1].ContentType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Patch_WithStaleResourceVersion_ThrowsConflict()
    {
        var created = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());
        await Client.StatefulSets().PatchAsync("default", "a", Obj("""{"spec":{"replicas":2}}"""), TestTimeout());

        var error = await Assert.ThrowsAsync<ApiException>(() => Client.StatefulSets().PatchAsync(
            "default", "a", Obj($$$"""{"metadata":{"resourceVersion":"{{{created.Metadata.ResourceVersion}}}"},"spec":{"replicas":3}}"""), TestTimeout()));

        Assert.True(error.IsConflict);
    }

    [Fact]
    public async Task PatchStatus_ChangesStatusOnly_MainPatchIgnoresStatus()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());

        var afterStatus = await Client.StatefulSets().PatchStatusAsync("default", "a", Obj("""{"spec":{"replicas":8},"status":{"readyReplicas":1}}"""), TestTimeout());
        var afterMain = await Client.StatefulSets().PatchAsync("default", "a", Obj("""{"status":{"readyReplicas":5}}"""), TestTimeout());

        Assert.Equal(1, afterStatus.Status!.ReadyReplicas);
        Assert.Equal(1, afterStatus.Spec!.Replicas);
        Assert.Equal(1, afterStatus.Metadata.Generation);
        Assert.Equal(1, afterMain.Status!.ReadyReplicas);
        Assert.Equal(afterStatus.Metadata.ResourceVersion, afterMain.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task List_LimitAndContinue_PagesThroughEverythingWithOneResourceVersion()
    {
        for (var i = 0; i < 7; i++)
        {
            await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet($"s{i}"), TestTimeout());
        }

        var first = await Client.StatefulSets().ListAsync("default", new ListOptions { Limit = 3 }, TestTimeout());
        var all = await Client.StatefulSets().ListAllAsync("default", new ListOptions { Limit = 3 }, TestTimeout());

        Assert.Equal(3, first.Items.Count);
        Assert.False(string.IsNullOrEmpty(first.Metadata.Continue));
        Assert.Equal(4, first.Metadata.RemainingItemCount);
        Assert.Equal("StatefulSetList", first.Kind);
        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"s{i}"), all.Items.Select(s => s.Metadata.Name));
        Assert.Equal(Server.CurrentResourceVersion, all.ResourceVersion);
        Assert.Equal(3, Server.Requests.Count(r => r.Method == "GET" && r.Query.Contains("limit=3", StringComparison.Ordinal)) - 1);
    }

    [Fact]
    public async Task List_ContinueTokenOlderThanHistory_ThrowsGone()
    {
        for (var i = 0; i < 3; i++)
        {
            await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet($"s{i}"), TestTimeout());
        }

        var first = await Client.StatefulSets().ListAsync("default", new ListOptions { Limit = 1 }, TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("later"), TestTimeout());
        Server.CompactHistory();

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            Client.StatefulSets().ListAsync("default", new ListOptions { Limit = 1, Continue = first.Metadata.Continue }, TestTimeout()));

        Assert.True(error.IsGone);
    }

    [Theory]
    [InlineData("tier=web", "a,c")]
    [InlineData("tier==web", "a,c")]
    [InlineData("tier!=web", "b,d")]
    [InlineData("tier in (web,db)", "a,b,c")]
    [InlineData("tier notin (web)", "b,d")]
    [InlineData("tier", "a,b,c")]
    [InlineData("!tier", "d")]
    [InlineData("tier=web,zone=x", "c")]
    public async Task List_LabelSelector_FiltersLikeTheApiServer(string selector, string expected)
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a", labels: new Dictionary<string, string> { ["tier"] = "web" }), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("b", labels: new Dictionary<string, string> { ["tier"] = "db" }), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("c", labels: new Dictionary<string, string> { ["tier"] = "web", ["zone"] = "x" }), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("d", labels: new Dictionary<string, string> { ["other"] = "1" }), TestTimeout());

        var list = await Client.StatefulSets().ListAsync("default", new ListOptions { LabelSelector = selector }, TestTimeout());

        Assert.Equal(expected, string.Join(',', list.Items.Select(s => s.Metadata.Name)));
    }

    [Fact]
    public async Task List_FieldSelectorAndAllNamespaces_Filter()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a", ns: "one"), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a", ns: "two"), TestTimeout());
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("b", ns: "two"), TestTimeout());

        var everywhere = await Client.StatefulSets().ListAsync(null, cancellationToken: TestTimeout());
        var named = await Client.StatefulSets().ListAsync(null, new ListOptions { FieldSelector = "metadata.name=a" }, TestTimeout());
        var inTwo = await Client.StatefulSets().ListAsync("two", cancellationToken: TestTimeout());

        Assert.Equal(3, everywhere.Items.Count);
        Assert.Equal(["one", "two"], named.Items.Select(s => s.Metadata.Namespace));
        Assert.Equal(["a", "b"], inTwo.Items.Select(s => s.Metadata.Name));
        Assert.Equal("/apis/apps/v1/statefulsets", Server.Requests.First(r => r.Method == "GET").Path);
    }

    [Fact]
    public async Task Delete_ReturnsObjectAndCascadesToOwnedObjects()
    {
        var owner = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("owner"), TestTimeout());
        var owned = new Service
        {
            Metadata = new ObjectMeta
            {
                Name = "owned",
                Namespace = "default",
                OwnerReferences = [new OwnerReference { ApiVersion = "apps/v1", Kind = "StatefulSet", Name = "owner", Uid = owner.Metadata.Uid, Controller = true }],
            },
            Spec = new ServiceSpec { ClusterIP = "None", Ports = [new ServicePort { Port = 80, TargetPort = 8080 }] },
        };
        await Client.Services().CreateAsync(owned, TestTimeout());
        await Client.Services().CreateAsync(new Service { Metadata = new ObjectMeta { Name = "free", Namespace = "default" } }, TestTimeout());

        var deleted = await Client.StatefulSets().DeleteAsync("default", "owner", new DeleteOptions { PropagationPolicy = PropagationPolicies.Background }, TestTimeout());

        Assert.Equal(owner.Metadata.Uid, deleted!.Metadata.Uid);
        Assert.Null(await Client.Services().TryGetAsync("default", "owned", TestTimeout()));
        Assert.NotNull(await Client.Services().TryGetAsync("default", "free", TestTimeout()));
        Assert.Contains("\"propagationPolicy\":\"Background\"", Server.Requests.Single(r => r.Method == "DELETE").Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_Orphan_KeepsDependentsWithoutTheOwnerReference()
    {
        var owner = await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("owner"), TestTimeout());
        await Client.Services().CreateAsync(
            new Service { Metadata = new ObjectMeta { Name = "owned", Namespace = "default", OwnerReferences = [new OwnerReference { Uid = owner.Metadata.Uid, Name = "owner", Kind = "StatefulSet", ApiVersion = "apps/v1" }] } },
            TestTimeout());

        await Client.StatefulSets().DeleteAsync("default", "owner", new DeleteOptions { PropagationPolicy = PropagationPolicies.Orphan }, TestTimeout());

        var service = await Client.Services().GetAsync("default", "owned", TestTimeout());
        Assert.Empty(service.Metadata.OwnerReferences ?? []);
    }

    [Fact]
    public async Task Delete_WithFinalizer_MarksThenDeletesWhenFinalizerRemoved()
    {
        var sts = TestObjects.StatefulSet("a");
        sts.Metadata.Finalizers = ["example.com/cleanup"];
        await Client.StatefulSets().CreateAsync(sts, TestTimeout());

        var marked = await Client.StatefulSets().DeleteAsync("default", "a", cancellationToken: TestTimeout());
        Assert.NotNull(marked!.Metadata.DeletionTimestamp);
        Assert.NotNull(await Client.StatefulSets().TryGetAsync("default", "a", TestTimeout()));

        await Client.StatefulSets().PatchAsync("default", "a", Obj("""{"metadata":{"finalizers":null}}"""), TestTimeout());

        Assert.Null(await Client.StatefulSets().TryGetAsync("default", "a", TestTimeout()));
    }

    [Fact]
    public async Task Delete_Missing_ThrowsNotFound()
    {
        var error = await Assert.ThrowsAsync<ApiException>(() => Client.StatefulSets().DeleteAsync("default", "nope", cancellationToken: TestTimeout()));

        Assert.True(error.IsNotFound);
    }

    [Fact]
    public async Task Delete_PreconditionUidMismatch_ThrowsConflict()
    {
        await Client.StatefulSets().CreateAsync(TestObjects.StatefulSet("a"), TestTimeout());

        var error = await Assert.ThrowsAsync<ApiException>(() =>
            Client.StatefulSets().DeleteAsync("default", "a", new DeleteOptions { PreconditionUid = "other" }, TestTimeout()));

        Assert.True(error.IsConflict);
    }

    [Fact]
    public async Task InjectedFault_NonStatusErrorBody_BecomesApiExceptionWithCode()
    {
        Server.FailNext(503, method: "GET", pathContains: "/statefulsets");

        var error = await Assert.ThrowsAsync<ApiException>(() => Client.StatefulSets().ListAsync("default", cancellationToken: TestTimeout()));
        var next = await Client.StatefulSets().ListAsync("default", cancellationToken: TestTimeout());

        Assert.Equal(503, error.StatusCode);
        Assert.Equal("ServiceUnavailable", error.Reason);
        Assert.Empty(next.Items);
    }

    [Fact]
    public async Task ClusterScoped_GenericResource_CrudWithoutNamespace()
    {
        var crds = Client.Generic(new ResourceDefinition("example.com", "v1", "Widget", "widgets", Namespaced: false));

        var created = await crds.CreateAsync(new GenericObject(Obj("""{"metadata":{"name":"w"},"spec":{"size":1}}""")), TestTimeout());
        var list = await crds.ListAsync(null, cancellationToken: TestTimeout());

        Assert.Equal("Widget", created.Kind);
        Assert.Equal("example.com/v1", created.ApiVersion);
        Assert.Null(created.Metadata.Namespace);
        Assert.Single(list.Items);
        Assert.Equal("/apis/example.com/v1/widgets", Server.Requests[0].Path);
        Assert.Throws<ArgumentException>(() => { _ = crds.GetAsync("ns", "w"); });
        Assert.Throws<ArgumentException>(() => { _ = Client.StatefulSets().GetAsync(null, "w"); });
    }

    [Fact]
    public async Task GenericObject_Addressable_ReadsStatusAddress()
    {
        Server.Upsert("serving.knative.dev", "v1", "services", Obj("""
            {"apiVersion":"serving.knative.dev/v1","kind":"Service","metadata":{"name":"display","namespace":"default"},
             "status":{"address":{"url":"http://display.default.svc.cluster.local","CACerts":"PEM","audience":"aud"}}}
            """));
        var ksvc = Client.Generic(new ResourceDefinition("serving.knative.dev", "v1", "Service", "services", Namespaced: true));

        var sink = await ksvc.GetAsync("default", "display", TestTimeout());

        Assert.Equal("http://display.default.svc.cluster.local", sink.GetString("status", "address", "url"));
        Assert.Equal("PEM", sink.GetString("status", "address", "CACerts"));
        Assert.Equal("aud", sink.GetString("status", "address", "audience"));
        Assert.Null(sink.GetString("status", "address", "missing"));
        Assert.Equal("display", sink.Metadata.Name);
        Assert.False(string.IsNullOrEmpty(sink.Metadata.Uid));
    }

    [Fact]
    public async Task Models_UnmodelledFields_SurviveReadModifyWrite()
    {
        Server.Upsert("apps", "v1", "statefulsets", Obj("""
            {"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"name":"a","namespace":"default","managedFields":[{"manager":"kubectl"}]},
             "spec":{"replicas":1,"revisionHistoryLimit":10,"minReadySeconds":3,"volumeClaimTemplates":[{"metadata":{"name":"data"}}],
               "template":{"spec":{"dnsPolicy":"ClusterFirst","containers":[{"name":"c","image":"i","terminationMessagePath":"/dev/termination-log",
                 "resources":{"limits":{"cpu":"1"}},"env":[{"name":"X","valueFrom":{"configMapKeyRef":{"name":"cm","key":"k"}}}]}],
                 "tolerations":[{"key":"k","operator":"Exists"}],"nodeSelector":{"disk":"ssd"}}}}}
            """));
        var sts = await Client.StatefulSets().GetAsync("default", "a", TestTimeout());

        sts.Spec!.Replicas = 2;
        await Client.StatefulSets().ReplaceAsync(sts, TestTimeout());

        var stored = Server.Get("apps", "statefulsets", "default", "a")!;
        Assert.Equal(10, stored["spec"]!["revisionHistoryLimit"]!.GetValue<int>());
        Assert.Equal("data", stored["spec"]!["volumeClaimTemplates"]![0]!["metadata"]!["name"]!.GetValue<string>());
        var pod = stored["spec"]!["template"]!["spec"]!;
        Assert.Equal("ClusterFirst", pod["dnsPolicy"]!.GetValue<string>());
        Assert.Equal("/dev/termination-log", pod["containers"]![0]!["terminationMessagePath"]!.GetValue<string>());
        Assert.Equal("cm", pod["containers"]![0]!["env"]![0]!["valueFrom"]!["configMapKeyRef"]!["name"]!.GetValue<string>());
        Assert.Equal("1", pod["containers"]![0]!["resources"]!["limits"]!["cpu"]!.GetValue<string>());
        Assert.Equal("Exists", pod["tolerations"]![0]!["operator"]!.GetValue<string>());
        Assert.Equal("kubectl", stored["metadata"]!["managedFields"]![0]!["manager"]!.GetValue<string>());
        Assert.Equal(2, stored["metadata"]!["generation"]!.GetValue<long>());
    }

    [Fact]
    public async Task Lease_MicroTime_RoundTripsWithMicroseconds()
    {
        var renew = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(1234560);
        await Client.Leases().CreateAsync(
            new Lease { Metadata = new ObjectMeta { Name = "l", Namespace = "default" }, Spec = new LeaseSpec { HolderIdentity = "me", RenewTime = renew, LeaseDurationSeconds = 15 } },
            TestTimeout());

        var stored = Server.Get("coordination.k8s.io", "leases", "default", "l")!;
        var lease = await Client.Leases().GetAsync("default", "l", TestTimeout());

        Assert.Equal("2026-01-02T03:04:05.123456Z", stored["spec"]!["renewTime"]!.GetValue<string>());
        Assert.Equal(renew, lease.Spec!.RenewTime);
    }

    [Fact]
    public async Task Create_WithoutKindOnTheWire_IsRejectedLikeTheRealServer()
    {
        using var http = Server.CreateHttpClient();
        using var content = new StringContent("""{"metadata":{"name":"x"}}""", System.Text.Encoding.UTF8, "application/json");

        using var response = await http.PostAsync("api/v1/namespaces/default/services", content, TestTimeout());

        Assert.Equal(400, (int)response.StatusCode);
        Assert.Contains("Object 'Kind' is missing", await response.Content.ReadAsStringAsync(TestTimeout()), StringComparison.Ordinal);
    }
}
