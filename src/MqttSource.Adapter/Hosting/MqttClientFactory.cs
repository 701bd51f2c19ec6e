using System.Security.Cryptography.X509Certificates;
using MqttSource.Adapter.Configuration;
using MqttSource.Apis.Settings;
using MqttSource.Mqtt;
using MqttSource.Mqtt.Options;

namespace MqttSource.Adapter.Hosting;

/// <summary>MQTT client options from the adapter settings: persistent session, Receive Maximum = parallelism, TLS, credentials.</summary>
internal static class MqttClientFactory
{
    public static MqttClientOptions CreateOptions(AdapterSettings settings)
    {
        var source = settings.Source;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(source.Broker.Host, source.Broker.Port)
            .WithProtocolVersion(source.ProtocolVersion == BrokerProtocolVersion.V311 ? MqttProtocolVersion.V311 : MqttProtocolVersion.V500)
            .WithClientId(settings.ClientId)
            .WithKeepAlivePeriod(source.KeepAlive)
            .WithReceiveMaximum((ushort)Math.Clamp(source.Parallelism, 1, ushort.MaxValue))
            .WithMaximumPacketSize(settings.MaximumPacketSize)
            .WithReconnectDelay(TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(30));
        builder = source.SessionPersistent
            ? builder.WithPersistentSession(source.SessionExpiry)
            : builder.WithCleanStart();
        if (settings.Username is not null)
        {
            builder = settings.Password is null ? builder.WithCredentials(settings.Username) : builder.WithCredentials(settings.Username, settings.Password);
        }

        if (source.Broker.UseTls)
        {
            builder = builder.WithTlsOptions(tls => tls.TargetHost = source.TlsServerName);
            if (settings.BrokerCaFile is not null)
            {
                builder = builder.WithTrustedCaFile(settings.BrokerCaFile);
            }

            if (settings.BrokerCertFile is not null && settings.BrokerKeyFile is not null)
            {
                builder = builder.WithClientCertificateFiles(settings.BrokerCertFile, settings.BrokerKeyFile);
            }
        }

        return builder.Build();
    }

    /// <summary>
    /// The SUBSCRIBEs for the source's topics (shared-subscription prefix included when configured). MQTT 5: one per filter,
    /// each with its own subscription identifier so that copies from overlapping filters can be told apart
    /// (<see cref="Pipeline.OverlappingSubscriptions"/>). MQTT 3.1.1: one SUBSCRIBE with every filter.
    /// </summary>
    public static IReadOnlyList<MqttClientSubscribeOptions> CreateSubscriptions(MqttSourceSettings source)
    {
        if (source.ProtocolVersion == BrokerProtocolVersion.V311)
        {
            var all = new MqttClientSubscribeOptionsBuilder();
            foreach (var topic in source.Topics)
            {
                all.WithTopicFilter(topic.SubscriptionFilter, (MqttQualityOfServiceLevel)topic.Qos);
            }

            return [all.Build()];
        }

        return [.. source.Topics.Select((topic, index) => new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(topic.SubscriptionFilter, (MqttQualityOfServiceLevel)topic.Qos)
            .WithSubscriptionIdentifier(Pipeline.OverlappingSubscriptions.IdentifierOf(index))
            .Build())];
    }

    /// <summary>PEM certificates of a bundle (K_CA_CERTS).</summary>
    public static X509Certificate2Collection ParsePemBundle(string pem)
    {
        var collection = new X509Certificate2Collection();
        collection.ImportFromPem(pem);
        return collection;
    }
}
