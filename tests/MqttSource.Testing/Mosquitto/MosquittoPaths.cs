using MqttSource.Testing.Tls;

namespace MqttSource.Testing.Mosquitto;

/// <summary>The files of one test broker, all below its temporary folder.</summary>
internal sealed class MosquittoPaths(string root)
{
    public string Root { get; } = root;

    public string ConfigPath => Path.Combine(Root, "mosquitto.conf");

    public string LogPath => Path.Combine(Root, "mosquitto.log");

    public string PasswordPath => Path.Combine(Root, "passwd");

    public string DataDirectory => Path.Combine(Root, "data");

    public TestCertificateFiles Certificates { get; } = new(Path.Combine(root, "tls"));
}
