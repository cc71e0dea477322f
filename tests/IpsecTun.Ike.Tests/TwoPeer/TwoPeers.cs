using System.Net;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Sa;
using IpsecTun.Ike.Settings;
using IpsecTun.Ike.Tests.Protection;

namespace IpsecTun.Ike.Tests.TwoPeer;

/// <summary>
/// An initiator and a responder in one process: datagrams move only when a test delivers them, and
/// time moves only when a test advances the shared clock. Like a host, each side keeps every IKE SA it
/// has (the first one and those created by rekeys) and hands a datagram to the one its SPIs name.
/// </summary>
internal sealed class TwoPeers : IDisposable
{
    public static readonly IPEndPoint InitiatorEndpoint = new(IPAddress.Parse("192.0.2.1"), 500);
    public static readonly IPEndPoint ResponderEndpoint = new(IPAddress.Parse("198.51.100.1"), 500);

    /// <summary>The public address of the NAT in front of the initiator, when there is one.</summary>
    public static readonly IPAddress NatAddress = IPAddress.Parse("203.0.113.7");

    private readonly bool _initiatorBehindNat;
    private readonly Func<IkeSa>? _newResponder;

    public TwoPeers(IkeSaSettings initiator, IkeSaSettings responder, bool initiatorBehindNat = false)
    {
        _initiatorBehindNat = initiatorBehindNat;
        Initiator = IkeSa.CreateInitiator(initiator, InitiatorHost, InitiatorEndpoint, ResponderEndpoint, new CountingRandom(1), Time);
        Responder = IkeSa.CreateResponder(responder, ResponderHost, ResponderEndpoint, Outside(InitiatorEndpoint), new CountingRandom(2), Time);
        _newResponder = () => IkeSa.CreateResponder(responder, ResponderHost, ResponderEndpoint, Outside(InitiatorEndpoint), new CountingRandom(3), Time);
        InitiatorSas.Add(Initiator);
        ResponderSas.Add(Responder);
    }

    /// <summary>A responder that looks its settings up in <paramref name="responder"/>.</summary>
    public TwoPeers(IkeSaSettings initiator, IResponderConfiguration responder)
    {
        Initiator = IkeSa.CreateInitiator(initiator, InitiatorHost, InitiatorEndpoint, ResponderEndpoint, new CountingRandom(1), Time);
        Responder = IkeSa.CreateResponder(responder, ResponderHost, ResponderEndpoint, InitiatorEndpoint, new CountingRandom(2), Time)
            ?? throw new InvalidOperationException("no peer matches the initiator");
        InitiatorSas.Add(Initiator);
        ResponderSas.Add(Responder);
    }

    public ManualTime Time { get; } = new();

    public FakeChildSaHost InitiatorHost { get; } = new(0xc1000000);

    public FakeChildSaHost ResponderHost { get; } = new(0xc2000000);

    public IkeSa Initiator { get; }

    public IkeSa Responder { get; }

    /// <summary>Every IKE SA of the side that started the first IKE SA, oldest first.</summary>
    public List<IkeSa> InitiatorSas { get; } = [];

    public List<IkeSa> ResponderSas { get; } = [];

    /// <summary>The one IKE SA of a side that is neither closed nor failed.</summary>
    public static IkeSa Live(List<IkeSa> sas) => Assert.Single(sas, sa => sa.State is not (IkeSaState.Closed or IkeSaState.Failed));

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
    public IkeSaOutput ToResponder(IkeSaOutput output) => Deliver(output, InitiatorSas, ResponderSas, d => (Outside(d.From), d.To));

    public IkeSaOutput ToInitiator(IkeSaOutput output) => Deliver(output, ResponderSas, InitiatorSas, d => (d.From, Inside(d.To)));

    /// <summary>Delivers one datagram to the IKE SA of <paramref name="receivers"/> that its SPIs name; returns what it answered.</summary>
    public IkeSaOutput DeliverOne(OutboundDatagram datagram, bool toResponder)
    {
        List<IkeSa> receivers = toResponder ? ResponderSas : InitiatorSas;
        (IPEndPoint from, IPEndPoint to) = toResponder ? (Outside(datagram.From), datagram.To) : (datagram.From, Inside(datagram.To));
        IkeSa receiver = Route(datagram.Data.Span, receivers);
        Assert.Equal(receiver.Local.Address, to.Address);
        IkeSaOutput answer = receiver.Receive(datagram.Data.Span, from, to);
        Register(answer, receivers);
        return answer;
    }

    /// <summary>Adds the IKE SAs an output created to the side that produced it.</summary>
    public static void Register(IkeSaOutput output, List<IkeSa> side) =>
        side.AddRange(output.CreatedIkeSas.Where(sa => !side.Contains(sa)));

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

    private IkeSaOutput Deliver(IkeSaOutput output, List<IkeSa> senders, List<IkeSa> receivers, Func<OutboundDatagram, (IPEndPoint From, IPEndPoint To)> path)
    {
        Register(output, senders);
        var merged = new IkeSaOutput();
        foreach (OutboundDatagram datagram in output.Datagrams)
        {
            (IPEndPoint from, IPEndPoint to) = path(datagram);
            IkeSa receiver = Route(datagram.Data.Span, receivers);
            Assert.Equal(receiver.Local.Address, to.Address);
            IkeSaOutput answer = receiver.Receive(datagram.Data.Span, from, to);
            Register(answer, receivers);
            merged.Datagrams.AddRange(answer.Datagrams);
            merged.Events.AddRange(answer.Events);
            merged.CreatedIkeSas.AddRange(answer.CreatedIkeSas);
        }

        return merged;
    }

    /// <summary>
    /// The SA whose SPIs the header carries; for an IKE_SA_INIT request with a new SPI (a reauthentication), a
    /// new responder; the side's first SA for anything unparsable or not yet keyed.
    /// </summary>
    private IkeSa Route(ReadOnlySpan<byte> datagram, List<IkeSa> sas)
    {
        if (!IkeHeader.TryParse(datagram, out IkeHeader header, out _))
        {
            return sas[0];
        }

        IkeSa? known = sas.FirstOrDefault(sa => sa.InitiatorSpi == header.InitiatorSpi && sa.ResponderSpi == header.ResponderSpi)
            ?? sas.FirstOrDefault(sa => sa.InitiatorSpi == header.InitiatorSpi && (sa.ResponderSpi == 0 || header.ResponderSpi == 0));
        if (known is null && sas == ResponderSas && header.ExchangeType == ExchangeType.IkeSaInit && sas[0].State != IkeSaState.Created && _newResponder is not null)
        {
            known = _newResponder();
            sas.Add(known);
        }

        return known ?? sas[0];
    }
}
