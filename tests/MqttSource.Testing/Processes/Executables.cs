namespace MqttSource.Testing.Processes;

/// <summary>Finds a program on PATH, then in the sbin folders (Debian installs mosquitto in /usr/sbin, often not on PATH).</summary>
internal static class Executables
{
    private static readonly string[] s_extraFolders = ["/usr/sbin", "/usr/local/sbin", "/usr/bin", "/usr/local/bin"];

    public static string Find(string name)
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        var folders = path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Concat(s_extraFolders);
        foreach (var folder in folders)
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"'{name}' was not found on PATH or in {string.Join(", ", s_extraFolders)}. Install the mosquitto and mosquitto-clients packages.",
            name);
    }
}
