using System.Buffers.Binary;
using IpsecTun.Core;
using IpsecTun.Esp;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>The test plans give the adapters an MTU of 1380; the network's paths are narrower or wider per test.</summary>
public sealed class EndpointPathMtuTests
{
    [Fact]
    public void A_packet_with_df_too_big_for_the_tunnel_is_answered_with_fragmentation_needed_and_the_tunnels_mtu()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        pair.Network.LinkMtu = 1400;
        byte[] big = TestPackets.Udp("10.2.0.5", "10.1.0.7", 7777, new string('x', 1380 - 28));

        // The first one waits for the tunnel, the second finds it up.
        foreach (int _ in new[] { 1, 2 })
        {
            pair.ClientTun.Inject(big);
            byte[] icmp = TwoEndpoints.Take(pair.ClientTun);

            SecurityAssociation outbound = pair.Client.Sad.InstalledSas.Single(sa => sa.Direction == SaDirection.Outbound);
            Assert.Equal(1346, outbound.InnerMtu);
            Assert.Equal(IpProtocol.Icmp, icmp[9]);
            Assert.Equal(big.AsSpan(16, 4), icmp.AsSpan(12, 4));
            Assert.Equal(big.AsSpan(12, 4), icmp.AsSpan(16, 4));
            Assert.Equal((byte)3, icmp[20]);
            Assert.Equal((byte)4, icmp[21]);
            Assert.Equal(outbound.InnerMtu, BinaryPrimitives.ReadUInt16BigEndian(icmp.AsSpan(26)));
            Assert.True(InternetChecksum.IsValid(icmp.AsSpan(20)));
            Assert.Equal(big.AsSpan(0, 28), icmp.AsSpan(28, 28));
        }

        Assert.Equal(2, pair.Client.Counters.TooBig);
        Assert.Empty(pair.GatewayTun.Written);
        Assert.Equal("fits", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("fits").AsSpan(28)));
    }

    [Fact]
    public void A_syn_through_the_tunnel_has_its_mss_clamped_to_the_adapter_and_tunnel_mtu()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        pair.ClientTun.Inject(TestPackets.Syn("10.2.0.5", "10.1.0.7", 1460));

        byte[] arrived = TwoEndpoints.Take(pair.GatewayTun);

        Assert.Equal(1380 - 40, BinaryPrimitives.ReadUInt16BigEndian(arrived.AsSpan(20 + 22)));
        ulong sum = InternetChecksum.PseudoHeader(arrived.AsSpan(12, 4), arrived.AsSpan(16, 4), IpProtocol.Tcp, arrived.Length - 20);
        Assert.Equal(0xFFFF, InternetChecksum.Fold(InternetChecksum.Add(sum, arrived.AsSpan(20))));
    }
}
