using System.Net;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

/// <summary>What kind of SA a <see cref="PeerPair"/> sets up.</summary>
internal sealed record SaSpec
{
    public IpsecProtocols Protocol { get; init; } = IpsecProtocols.Esp;

    public SaMode Mode { get; init; } = SaMode.Tunnel;

    public EncryptionAlgorithm? Encryption { get; init; }

    public IntegrityAlgorithm? Integrity { get; init; }

    public bool Esn { get; init; }

    public bool Udp { get; init; }

    /// <summary>Outer (peer) addresses.</summary>
    public string LeftPeer { get; init; } = "198.51.100.1";

    public string RightPeer { get; init; } = "203.0.113.1";

    /// <summary>The networks behind each peer (tunnel mode).</summary>
    public string LeftNet { get; init; } = "10.1.0.0/16";

    public string RightNet { get; init; } = "10.2.0.0/16";

    public int ReplayWindow { get; init; } = 1024;

    public SaLifetime Lifetime { get; init; } = SaLifetime.Unlimited;

    public uint Spi { get; init; } = 0x1000_0001;

    /// <summary>The path MTU both SAs are installed with; 0 leaves it unknown.</summary>
    public int PathMtu { get; init; }

    public override string ToString() =>
        $"{Protocol} {Mode} {Encryption?.Name ?? "-"}/{Integrity?.Name ?? "-"} {(Esn ? "esn" : "no-esn")} {(Udp ? "udp" : "raw")} {LeftPeer}";
}

/// <summary>
/// Two endpoints with one SA from left to right: the left worker protects what the right worker receives.
/// Each side has its own policy table, SA database and statistics.
/// </summary>
internal sealed class PeerPair
{
    public PeerPair(SaSpec spec, int workers = 1)
    {
        Spec = spec;
        bool tunnel = spec.Mode == SaMode.Tunnel;
        string leftNet = tunnel ? spec.LeftNet : spec.LeftPeer;
        string rightNet = tunnel ? spec.RightNet : spec.RightPeer;
        LeftPolicy = new SecurityPolicy(new TrafficSelector(IpPrefix.Parse(leftNet), IpPrefix.Parse(rightNet)))
        {
            Tunnel = tunnel, Protocols = spec.Protocol, SaSource = IPAddress.Parse(spec.LeftPeer), SaDestination = IPAddress.Parse(spec.RightPeer),
        };
        RightPolicy = new SecurityPolicy(new TrafficSelector(IpPrefix.Parse(rightNet), IpPrefix.Parse(leftNet)))
        {
            Tunnel = tunnel, Protocols = spec.Protocol, SaSource = IPAddress.Parse(spec.RightPeer), SaDestination = IPAddress.Parse(spec.LeftPeer),
        };
        LeftSpd.Add(LeftPolicy);
        RightSpd.Add(RightPolicy);
        LeftSad = new SecurityAssociationDatabase(Time, workers);
        RightSad = new SecurityAssociationDatabase(Time, workers);

        byte[] encryptionKey = Key(spec.Encryption?.KeyMaterialSize ?? 0, 0x11);
        byte[] integrityKey = Key(spec.Integrity?.KeySize ?? 0, 0x77);
        Outbound = LeftSad.Install(Settings(SaDirection.Outbound, spec.LeftPeer, spec.RightPeer, LeftPolicy, encryptionKey, integrityKey));
        Inbound = RightSad.Install(Settings(SaDirection.Inbound, spec.LeftPeer, spec.RightPeer, RightPolicy, encryptionKey, integrityKey));
        Left = new IpsecWorker(0, LeftSpd, LeftSad, LeftStatistics, RandomSource.System);
        Right = new IpsecWorker(0, RightSpd, RightSad, RightStatistics, RandomSource.System);
    }

    public SaSpec Spec { get; }

    public ManualTimeProvider Time { get; } = new();

    public SecurityPolicyDatabase LeftSpd { get; } = new();

    public SecurityPolicyDatabase RightSpd { get; } = new();

    public SecurityAssociationDatabase LeftSad { get; }

    public SecurityAssociationDatabase RightSad { get; }

    public IpsecStatistics LeftStatistics { get; } = new();

    public IpsecStatistics RightStatistics { get; } = new();

    public SecurityPolicy LeftPolicy { get; }

    public SecurityPolicy RightPolicy { get; }

    public SecurityAssociation Outbound { get; }

    public SecurityAssociation Inbound { get; }

    public IpsecWorker Left { get; }

    public IpsecWorker Right { get; }

    /// <summary>A packet the left policy covers: between the networks in tunnel mode, between the peers in transport mode.</summary>
    public byte[] InnerPacket(int payloadLength, ushort port = 5000)
    {
        bool tunnel = Spec.Mode == SaMode.Tunnel;
        string source = tunnel ? HostIn(Spec.LeftNet) : Spec.LeftPeer;
        string destination = tunnel ? HostIn(Spec.RightNet) : Spec.RightPeer;
        return Packets.Udp(source, destination, 4000, port, payloadLength);
    }

    /// <summary>Protects <paramref name="packet"/> on the left and returns the wire bytes.</summary>
    public byte[] Protect(byte[] packet)
    {
        PacketBuffer buffer = Packets.Buffer(packet);
        OutboundResult result = Left.ProcessOutbound(buffer);
        Assert.Equal(OutboundVerdict.Send, result.Verdict);
        return buffer.Data.ToArray();
    }

    /// <summary>Receives wire bytes on the right.</summary>
    public (InboundResult Result, byte[] Packet) Receive(byte[] wire)
    {
        PacketBuffer buffer = Packets.Buffer(wire);
        InboundResult result = Right.ProcessInbound(buffer);
        return (result, buffer.Data.ToArray());
    }

    private SecurityAssociationSettings Settings(SaDirection direction, string source, string destination, SecurityPolicy policy, byte[] encryptionKey, byte[] integrityKey) => new()
    {
        Spi = Spec.Spi,
        Direction = direction,
        Protocol = Spec.Protocol,
        Mode = Spec.Mode,
        Source = IPAddress.Parse(source),
        Destination = IPAddress.Parse(destination),
        Encapsulation = Spec.Udp ? UdpEncapsulation.Default : null,
        Encryption = Spec.Encryption,
        EncryptionKey = encryptionKey,
        Integrity = Spec.Integrity,
        IntegrityKey = integrityKey,
        ExtendedSequenceNumbers = Spec.Esn,
        ReplayWindow = Spec.ReplayWindow,
        Lifetime = Spec.Lifetime,
        PathMtu = Spec.PathMtu,
        Policy = policy,
    };

    private static byte[] Key(int length, byte seed) => [.. Enumerable.Range(0, length).Select(i => (byte)(seed + i * 13))];

    private static string HostIn(string network)
    {
        IPNetwork net = IPNetwork.Parse(network);
        byte[] bytes = net.BaseAddress.GetAddressBytes();
        bytes[^1] = 9;
        return new IPAddress(bytes).ToString();
    }
}
