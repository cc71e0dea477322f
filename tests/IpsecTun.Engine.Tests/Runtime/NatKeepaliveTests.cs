using System.Net;
using IpsecTun.Engine.Tests.Runtime.Fakes;

namespace IpsecTun.Engine.Tests.Runtime;

/// <summary>
/// RFC 3948 §2.3 and §4: the side behind a NAT keeps its mapping open with one-byte 0xFF datagrams from its NAT-T port
/// to the peer's, every 20 s by default; the side not behind a NAT has no mapping to keep and sends none.
/// </summary>
public sealed class NatKeepaliveTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(20);

    /// <summary>Real time for the endpoints' 100 ms timer loops to run several times after the clock moved.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(600);

    [Fact]
    public void The_side_behind_the_nat_sends_a_keepalive_to_port_4500_each_interval_and_the_other_side_none()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true), clientBehindNat: true);
        pair.ClientToGateway("establish");

        // The mapping was just used to set the tunnel up: nothing is due before a whole interval has passed.
        pair.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
        Thread.Sleep(Settle);
        Assert.Empty(pair.Network.KeepalivesSent);

        for (int expected = 1; expected <= 3; expected++)
        {
            pair.Clock.Advance(TimeSpan.FromSeconds(1));
            TwoEndpoints.Eventually(() => pair.Network.KeepalivesSent.Count >= expected, $"keepalive {expected}");
            Thread.Sleep(Settle);
            Assert.Equal(expected, pair.Network.KeepalivesSent.Count);
            pair.Clock.Advance(Interval - TimeSpan.FromSeconds(1));
            Thread.Sleep(Settle);
            Assert.Equal(expected, pair.Network.KeepalivesSent.Count);
        }

        Assert.All(pair.Network.KeepalivesSent, keepalive =>
        {
            Assert.Equal(TestPlans.ClientAddress, keepalive.From);
            Assert.Equal(4500, keepalive.FromPort);
            Assert.Equal(new IPEndPoint(TestPlans.GatewayAddress, 4500), keepalive.To.ToIPEndPoint());
        });

        // The tunnel the keepalives kept open still carries traffic both ways.
        Assert.Equal("still open", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("still open").AsSpan(28)));
        Assert.Equal("back", System.Text.Encoding.ASCII.GetString(pair.GatewayToClient("back").AsSpan(28)));
    }

    [Fact]
    public void Without_a_nat_neither_side_sends_keepalives()
    {
        using var pair = new TwoEndpoints(TestPlans.Gateway(), TestPlans.Client(passive: true));
        pair.ClientToGateway("establish");

        for (int step = 0; step < 3; step++)
        {
            pair.Clock.Advance(Interval);
            Thread.Sleep(Settle);
        }

        Assert.Empty(pair.Network.KeepalivesSent);
        Assert.Equal("still open", System.Text.Encoding.ASCII.GetString(pair.ClientToGateway("still open").AsSpan(28)));
    }
}
