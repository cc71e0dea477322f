using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>
/// An initiator and a responder in one process: datagrams move only when a test delivers them, and
/// time moves only when a test advances the shared clock.
/// </summary>
internal sealed class TwoPeers : IDisposable
{
    public static readonly IPEndPoint InitiatorEndpoint = new(IPAddress.Parse("192.0.2.1"), 500);
    public static readonly IPEndPoint ResponderEndpoint = new(IPAddress.Parse("198.51.100.1"), 500);

    /// <summary>The public address of the NAT in front of the initiator, when there is one.</summary>
    public static readonly IPAddress NatAddress = IPAddress.Parse("203.0.113.7");

    private readonly bool _initiatorBehindNat;

    public TwoPeers(IkeSaSettings initiator, IkeSaSettings responder, bool initiatorBehindNat = false)
    {
        _initiatorBehindNat = initiatorBehindNat;
        Initiator = IkeSa.CreateInitiator(initiator, InitiatorHost, InitiatorEndpoint, ResponderEndpoint, new CountingRandom(1), Time);
        Responder = IkeSa.CreateResponder(responder, ResponderHost, ResponderEndpoint, Outside(InitiatorEndpoint), new CountingRandom(2), Time);
    }

    /// <summary>A responder that looks its settings up in <paramref name="responder"/>.</summary>
    public TwoPeers(IkeSaSettings initiator, IResponderConfiguration responder)
    {
        Initiator = IkeSa.CreateInitiator(initiator, InitiatorHost, InitiatorEndpoint, ResponderEndpoint, new CountingRandom(1), Time);
        Responder = IkeSa.CreateResponder(responder, ResponderHost, ResponderEndpoint, InitiatorEndpoint, new CountingRandom(2), Time)
            ?? throw new InvalidOperationException("no peer matches the initiator");
    }

    public ManualTime Time { get; } = new();

    public FakeChildSaHost InitiatorHost { get; } = new(0xc1000000);

    public FakeChildSaHost ResponderHost { get; } = new(0xc2000000);

    public IkeSa Initiator { get; }

    public IkeSa Responder { get; }

    public static IkeSaSettings Settings(
        IkeProposalSettings proposal, ChildProposalSettings esp, string psk = "shared secret", string localId = "initiator.example",
        string? remoteId = null, string localNet = "10.0.0.0-10.0.255.255", string remoteNet = "10.1.0.0-10.1.255.255",
        ChildSaMode mode = ChildSaMode.Tunnel, TimeSpan? dpdInterval = null, TimeSpan? childLifetime = null) =>
        new(
            [proposal],
            IkeIdentity.FromFqdn(localId),
            remoteId is null ? null : IkeIdentity.FromFqdn(remoteId),
            new PreSharedKey(System.Text.Encoding.UTF8.GetBytes(psk)),
            new ChildSaSettings([esp], [Range(localNet)], [Range(remoteNet)], mode, childLifetime ?? TimeSpan.FromHours(1)),
            TimeSpan.FromHours(8),
            RetransmissionSettings.Default,
            dpdInterval);

    /// <summary>The responder's side of <see cref="Settings"/>: the same networks, seen from the other end.</summary>
    public static IkeSaSettings ResponderSettings(
        IkeProposalSettings proposal, ChildProposalSettings esp, string psk = "shared secret", string localId = "responder.example",
        string? remoteId = null, TimeSpan? childLifetime = null) =>
        Settings(proposal, esp, psk, localId, remoteId, localNet: "10.1.0.0-10.1.255.255", remoteNet: "10.0.0.0-10.0.255.255", childLifetime: childLifetime);

    public static TrafficSelector Range(string range)
    {
        string[] ends = range.Split('-');
        return TrafficSelector.AddressRange(IPAddress.Parse(ends[0]), IPAddress.Parse(ends[1]));
    }

    /// <summary>Runs IKE_SA_INIT and IKE_AUTH to the end; returns the initiator's output after the last message.</summary>
    public IkeSaOutput Establish() => ToInitiator(ToResponder(ToInitiator(ToResponder(Initiator.Start()))));

    /// <summary>Delivers every datagram of <paramref name="output"/> to the responder; returns what it answered.</summary>
    public IkeSaOutput ToResponder(IkeSaOutput output) => Deliver(output, Responder, d => (Outside(d.From), d.To));

    public IkeSaOutput ToInitiator(IkeSaOutput output) => Deliver(output, Initiator, d => (d.From, Inside(d.To)));

    /// <summary>The NAT's mapping of an initiator endpoint: port 500 to 1024, port 4500 to 40000.</summary>
    public IPEndPoint Outside(IPEndPoint inside) =>
        _initiatorBehindNat && inside.Address.Equals(InitiatorEndpoint.Address) ? new IPEndPoint(NatAddress, inside.Port == 500 ? 1024 : 40000) : inside;

    private IPEndPoint Inside(IPEndPoint outside) =>
        _initiatorBehindNat && outside.Address.Equals(NatAddress) ? new IPEndPoint(InitiatorEndpoint.Address, outside.Port == 1024 ? 500 : 4500) : outside;

    public void Dispose()
    {
        Initiator.Dispose();
        Responder.Dispose();
        InitiatorHost.Installed.ForEach(c => c.Dispose());
        ResponderHost.Installed.ForEach(c => c.Dispose());
    }

    private static IkeSaOutput Deliver(IkeSaOutput output, IkeSa receiver, Func<OutboundDatagram, (IPEndPoint From, IPEndPoint To)> path)
    {
        var merged = new IkeSaOutput();
        foreach (OutboundDatagram datagram in output.Datagrams)
        {
            (IPEndPoint from, IPEndPoint to) = path(datagram);
            Assert.Equal(receiver.Local.Address, to.Address);
            IkeSaOutput answer = receiver.Receive(datagram.Data.Span, from, to);
            merged.Datagrams.AddRange(answer.Datagrams);
            merged.Events.AddRange(answer.Events);
        }

        return merged;
    }
}
