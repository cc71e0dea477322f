using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

public sealed class TrafficSelectorTests
{
    [Fact]
    public void Responder_narrows_the_offered_selectors_to_its_policy()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localNet: "10.0.0.0-10.0.255.255", remoteNet: "10.1.0.0-10.1.255.255"),
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localNet: "10.1.2.0-10.1.2.255", remoteNet: "10.0.0.0-10.255.255.255"));

        peers.Establish();

        ChildSaInstallation i = Assert.Single(peers.InitiatorHost.Installed);
        ChildSaInstallation r = Assert.Single(peers.ResponderHost.Installed);
        Assert.Equal("10.0.0.0-10.0.255.255 proto 0 ports 0-65535", Assert.Single(i.LocalSelectors).ToString());
        Assert.Equal("10.1.2.0-10.1.2.255 proto 0 ports 0-65535", Assert.Single(i.RemoteSelectors).ToString());
        Assert.Equal(i.LocalSelectors[0].ToString(), Assert.Single(r.RemoteSelectors).ToString());
        Assert.Equal(i.RemoteSelectors[0].ToString(), Assert.Single(r.LocalSelectors).ToString());
    }

    [Fact]
    public void Disjoint_selectors_are_answered_with_ts_unacceptable()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localNet: "10.0.0.0-10.0.255.255", remoteNet: "10.1.0.0-10.1.255.255"),
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localNet: "172.16.0.0-172.16.255.255", remoteNet: "10.0.0.0-10.0.255.255"));

        IkeSaOutput end = peers.Establish();

        Assert.Equal(IkeSaState.Established, peers.Initiator.State);
        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ChildSaFailed && e.Message.Contains("TsUnacceptable", StringComparison.Ordinal));
        Assert.Empty(peers.InitiatorHost.Installed);
        Assert.Empty(peers.ResponderHost.Installed);
    }

    [Fact]
    public void Transport_mode_is_used_when_both_ask_for_it()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localNet: "192.0.2.1-192.0.2.1", remoteNet: "198.51.100.1-198.51.100.1", mode: ChildSaMode.Transport),
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm, localNet: "198.51.100.1-198.51.100.1", remoteNet: "192.0.2.1-192.0.2.1", mode: ChildSaMode.Transport));

        peers.Establish();

        Assert.Equal(ChildSaMode.Transport, Assert.Single(peers.InitiatorHost.Installed).Mode);
        Assert.Equal(ChildSaMode.Transport, Assert.Single(peers.ResponderHost.Installed).Mode);
    }
}
