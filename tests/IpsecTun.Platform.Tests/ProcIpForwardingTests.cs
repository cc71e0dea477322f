namespace IpsecTun.Platform.Tests;

public sealed class ProcIpForwardingTests
{
    [Fact]
    public void Reads_and_writes_the_sysctl_format()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "0\n");
            var forwarding = new ProcIpForwarding(path);
            Assert.False(forwarding.Ipv4Enabled);

            forwarding.Ipv4Enabled = true;
            Assert.Equal("1\n", File.ReadAllText(path));
            Assert.True(forwarding.Ipv4Enabled);

            forwarding.Ipv4Enabled = false;
            Assert.Equal("0\n", File.ReadAllText(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void The_system_switch_is_readable()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("procfs is Linux's");
        }

        string text = File.ReadAllText("/proc/sys/net/ipv4/ip_forward").Trim();
        Assert.Equal(text != "0", new ProcIpForwarding().Ipv4Enabled);
    }
}
