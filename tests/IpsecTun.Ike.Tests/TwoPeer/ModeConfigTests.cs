using System.Net;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>The mode-config client in IKE_AUTH, against a responder that answers fixed values.</summary>
public sealed class ModeConfigTests
{
    private static readonly IPAddress VirtualIp = IPAddress.Parse("192.168.77.5");

    [Fact]
    public void The_client_gets_its_virtual_address_dns_and_split_networks_and_its_tsi_is_narrowed_to_the_address()
    {
        var answer = new ModeConfigResult([VirtualIp], [IPAddress.Parse("10.1.0.53")], [IPNetwork.Parse("10.1.0.0/16"), IPNetwork.Parse("172.16.0.0/12")]);
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfig = new ModeConfigRequest() },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfigAnswer = answer });

        IkeSaOutput end = peers.Establish();

        ModeConfigResult result = Assert.IsType<ModeConfigResult>(peers.Initiator.ModeConfig);
        Assert.Equal([VirtualIp], result.Addresses);
        Assert.Equal([IPAddress.Parse("10.1.0.53")], result.DnsServers);
        Assert.Equal([IPNetwork.Parse("10.1.0.0/16"), IPNetwork.Parse("172.16.0.0/12")], result.SplitNetworks);
        Assert.Contains(end.Events, e => e.Kind == IkeSaEventKind.ModeConfigReceived && e.Message.Contains("192.168.77.5", StringComparison.Ordinal));
        Assert.Equal([VirtualIp], peers.Responder.ModeConfig?.Addresses);

        string vip = TwoPeers.Range("192.168.77.5-192.168.77.5").ToString();
        Assert.Equal([vip], peers.InitiatorHost.Installed[0].LocalSelectors.Select(s => s.ToString()));
        Assert.Equal([vip], peers.ResponderHost.Installed[0].RemoteSelectors.Select(s => s.ToString()));
        Assert.Equal([vip], peers.Initiator.ChildSas[0].LocalSelectors.Select(s => s.ToString()));
    }

    [Fact]
    public void Internal_dns_domains_reach_a_client_that_asks_for_dns()
    {
        var answer = new ModeConfigResult([VirtualIp], [IPAddress.Parse("10.1.0.53")], []) { DnsDomains = ["corp.example", "lab.corp.example"] };
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfig = new ModeConfigRequest() },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfigAnswer = answer });
        peers.Establish();

        Assert.Equal(["corp.example", "lab.corp.example"], peers.Initiator.ModeConfig?.DnsDomains);
    }

    [Fact]
    public void Ipv6_address_and_dns_are_requested_and_applied()
    {
        IPAddress vip6 = IPAddress.Parse("fd00:77::5");
        var answer = new ModeConfigResult([VirtualIp, vip6], [IPAddress.Parse("fd00::53")], [IPNetwork.Parse("fd00:1::/64")]);
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfig = new ModeConfigRequest(Ip4Address: false, Ip6Address: true) },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfigAnswer = answer });
        peers.Establish();

        ModeConfigResult result = Assert.IsType<ModeConfigResult>(peers.Initiator.ModeConfig);
        Assert.Equal([vip6], result.Addresses);
        Assert.Equal([IPAddress.Parse("fd00::53")], result.DnsServers);
        Assert.Equal([IPNetwork.Parse("fd00:1::/64")], result.SplitNetworks);
    }

    [Fact]
    public void A_responder_without_mode_config_leaves_the_client_without_a_result()
    {
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfig = new ModeConfigRequest() },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm));
        IkeSaOutput end = peers.Establish();

        Assert.Null(peers.Initiator.ModeConfig);
        Assert.Contains(end.Events, e => e.Message.Contains("no CFG_REPLY", StringComparison.Ordinal));
        Assert.DoesNotContain(end.Events, e => e.Kind == IkeSaEventKind.ModeConfigReceived);
        // TSi "any" is narrowed to the responder's policy instead.
        Assert.Equal(
            [TwoPeers.Range("10.0.0.0-10.0.255.255").ToString()],
            peers.InitiatorHost.Installed[0].LocalSelectors.Select(s => s.ToString()));
    }

    [Fact]
    public void The_result_survives_an_ike_sa_rekey()
    {
        var answer = new ModeConfigResult([VirtualIp], [], []);
        using var peers = new TwoPeers(
            TwoPeers.Settings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfig = new ModeConfigRequest() },
            TwoPeers.ResponderSettings(Suites.GcmEcp256, Suites.EspGcm) with { ModeConfigAnswer = answer });
        peers.Establish();

        IkeSaOutput delete = peers.ToInitiator(peers.ToResponder(peers.Initiator.RekeyIkeSa()));
        peers.ToInitiator(peers.ToResponder(delete));

        Assert.Equal([VirtualIp], TwoPeers.Live(peers.InitiatorSas).ModeConfig?.Addresses);
    }
}
