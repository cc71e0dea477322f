using System.Runtime.Versioning;
using IpsecTun.Core;

namespace IpsecTun.Platform.Tests;

[SupportedOSPlatform("linux")]
public sealed class TunDeviceTests
{
    [Fact]
    public void Open_creates_a_tun_device_the_kernel_lists_and_Dispose_removes_it()
    {
        IsolatedNetwork.Run(() =>
        {
            string name;
            using (var device = TunDevice.Open("ipt%d"))
            {
                name = device.Name;
                Assert.StartsWith("ipt", name, StringComparison.Ordinal);
                Assert.NotEqual("ipt%d", name);
                var link = IpCommand.Json("link", "show", "dev", name)[0];
                Assert.Equal(device.InterfaceIndex, link.GetProperty("ifindex").GetInt32());
                Assert.Equal("none", link.GetProperty("link_type").GetString());
                Assert.Contains("POINTOPOINT", link.GetProperty("flags").EnumerateArray().Select(f => f.GetString()));
            }

            IpCommand.WaitUntilLinkGone(name);
            Assert.DoesNotContain(name, IpCommand.LinkNames());
        });
    }

    [Fact]
    public void StopReading_releases_a_reader_waiting_for_packets()
    {
        IsolatedNetwork.Run(() =>
        {
            using var device = TunDevice.Open("ipt%d");
            var buffers = new[] { new PacketBuffer(2048, 64) };
            int result = -1;
            var reader = new Thread(() => result = device.ReadBatch(buffers));
            reader.Start();
            Assert.False(reader.Join(200), "the reader returned without a packet and without being stopped");
            device.StopReading();
            Assert.True(reader.Join(TimeSpan.FromSeconds(10)), "the reader did not return after StopReading");
            Assert.Equal(0, result);
        });
    }

    [Fact]
    public void A_read_buffer_without_space_after_its_headroom_is_refused()
    {
        IsolatedNetwork.Run(() =>
        {
            using var device = TunDevice.Open("ipt%d");
            Assert.Throws<ArgumentException>(() => device.ReadBatch(new[] { new PacketBuffer(64, 64) }));
        });
    }

    [Fact]
    public void Open_refuses_a_name_the_kernel_cannot_hold()
    {
        Assert.Throws<ArgumentException>(() => TunDevice.Open("a-name-longer-than-15"));
    }
}
