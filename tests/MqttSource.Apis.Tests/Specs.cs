using MqttSource.Apis.Spec;

namespace MqttSource.Apis.Tests;

/// <summary>Specs shared by the tests.</summary>
internal static class Specs
{
    /// <summary>The PRODUCT.md §3 example as JSON (with deadLetterSink filled in and adapter overrides set).</summary>
    public const string ExampleJson = """
        {
          "broker": {
            "url": "mqtt://mosquitto.edge.svc:1883",
            "protocolVersion": "5",
            "clientId": "",
            "keepAlive": "30s",
            "session": { "persistent": true, "expiry": "1h" },
            "auth": {
              "username": { "secretKeyRef": { "name": "mqtt-creds", "key": "username" } },
              "password": { "secretKeyRef": { "name": "mqtt-creds", "key": "password" } }
            },
            "tls": {
              "caCert": { "secretKeyRef": { "name": "mqtt-tls", "key": "ca.crt" } },
              "clientCert": { "secretKeyRef": { "name": "mqtt-tls", "key": "tls.crt" } },
              "clientKey": { "secretKeyRef": { "name": "mqtt-tls", "key": "tls.key" } },
              "serverName": ""
            }
          },
          "topics": [
            { "filter": "sensors/+/temperature", "qos": 1, "type": "com.example.sensor.temperature" },
            { "filter": "sensors/+/humidity", "type": "com.example.sensor.humidity" }
          ],
          "sharedGroup": "",
          "replicas": 1,
          "event": {
            "type": "dev.knative.mqtt.event",
            "source": "",
            "contentMode": "binary",
            "dataContentType": "",
            "passthrough": "auto",
            "idFrom": ""
          },
          "ordering": "ordered",
          "parallelism": 16,
          "delivery": {
            "retry": null,
            "backoffPolicy": "exponential",
            "backoffDelay": "PT0.2S",
            "timeout": "PT30S",
            "deadLetterSink": { "ref": { "apiVersion": "v1", "kind": "Service", "name": "dead-letters", "namespace": "edge" }, "uri": "/dlq" }
          },
          "ceOverrides": { "extensions": { "region": "eu-west" } },
          "sink": { "ref": { "apiVersion": "eventing.knative.dev/v1", "kind": "Broker", "name": "default" }, "uri": "", "CACerts": "", "audience": "" },
          "adapter": {
            "resources": { "limits": { "memory": "64Mi" } },
            "nodeSelector": { "kubernetes.io/arch": "arm64" },
            "tolerations": [ { "key": "edge", "operator": "Exists" } ],
            "env": [ { "name": "LOG_LEVEL", "value": "debug" } ]
          }
        }
        """;

    /// <summary>The smallest valid spec: a broker, one topic, a sink ref.</summary>
    public static MqttSourceSpec Minimal { get; } = new()
    {
        Broker = new BrokerSpec { Url = "mqtt://mosquitto.edge.svc" },
        Topics = [new TopicSpec { Filter = "sensors/#" }],
        Sink = new Destination { Ref = new KReference { ApiVersion = "eventing.knative.dev/v1", Kind = "Broker", Name = "default" } },
    };

    public static SecretKeySelector Secret(string name, string key) =>
        new() { SecretKeyRef = new SecretKeyReference { Name = name, Key = key } };
}
