using System.Globalization;

namespace MqttSource.Testing.Processes;

/// <summary>Memory figures of a running process from <c>/proc/&lt;pid&gt;/status</c> (Linux).</summary>
public static class ProcessMemory
{
    /// <summary>Peak resident set size (<c>VmHWM</c>) in bytes, or null when the process is gone or the line is missing.</summary>
    public static long? PeakResidentBytes(int processId) => ReadKilobytes(processId, "VmHWM:") * 1024;

    /// <summary>Current resident set size (<c>VmRSS</c>) in bytes, or null when the process is gone or the line is missing.</summary>
    public static long? ResidentBytes(int processId) => ReadKilobytes(processId, "VmRSS:") * 1024;

    private static long? ReadKilobytes(int processId, string field)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // "VmHWM:	   61234 kB"
        var line = lines.FirstOrDefault(l => l.StartsWith(field, StringComparison.Ordinal));
        var number = line?[field.Length..].Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var kilobytes) ? kilobytes : null;
    }
}
