using MqttSource.Testing.Processes;
using Xunit;

namespace MqttSource.Testing.Tests.Processes;

public sealed class ProcessMemoryTests
{
    [Fact]
    public void PeakResidentBytes_ThisProcess_AtLeastItsCurrentRss()
    {
        var pid = Environment.ProcessId;

        var peak = ProcessMemory.PeakResidentBytes(pid);
        var now = ProcessMemory.ResidentBytes(pid);

        Assert.NotNull(peak);
        Assert.NotNull(now);
        Assert.True(peak >= now - (16 * 1024 * 1024), $"VmHWM {peak} < VmRSS {now}"); // RSS may grow between the two reads
        Assert.True(now > 1024 * 1024);
    }

    [Fact]
    public void PeakResidentBytes_NoSuchProcess_Null()
    {
        Assert.Null(ProcessMemory.PeakResidentBytes(int.MaxValue));
    }
}
