using System.Net;
using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp.Tests;

/// <summary>One endpoint with a single SA and a policy that covers every IPv4 packet, for known-answer tests.</summary>
internal sealed class Receiver
{
    public static readonly byte[] Peer = [192, 0, 2, 1];
    public static readonly byte[] Local = [192, 0, 2, 2];

    public Receiver(SaDirection direction, SaMode mode, EncryptionAlgorithm encryption, byte[] keyMaterial, uint spi, bool esn = false, RandomSource? random = null)
    {
        var policy = new SecurityPolicy(new TrafficSelector(IpPrefix.Any(4), IpPrefix.Any(4))) { Tunnel = mode == SaMode.Tunnel };
        Spd.Add(policy);
        Sad = new SecurityAssociationDatabase(new ManualTimeProvider());
        bool outbound = direction == SaDirection.Outbound;
        Sa = Sad.Install(new SecurityAssociationSettings
        {
            Spi = spi,
            Direction = direction,
            Mode = mode,
            Source = new IPAddress(outbound ? Local : Peer),
            Destination = new IPAddress(outbound ? Peer : Local),
            Encryption = encryption,
            EncryptionKey = keyMaterial,
            ExtendedSequenceNumbers = esn,
            Policy = policy,
        });
        Worker = new IpsecWorker(0, Spd, Sad, Statistics, random ?? RandomSource.System);
    }

    public SecurityPolicyDatabase Spd { get; } = new();

    public SecurityAssociationDatabase Sad { get; }

    public SecurityAssociation Sa { get; }

    public IpsecStatistics Statistics { get; } = new();

    public IpsecWorker Worker { get; }

    /// <summary>Puts an ESP packet behind an IPv4 header from the peer, as a raw socket delivers it.</summary>
    public static byte[] FromPeer(byte[] esp)
    {
        byte[] packet = new byte[Ipv4Header.MinLength + esp.Length];
        esp.CopyTo(packet, Ipv4Header.MinLength);
        Ipv4Header.Write(packet, Peer, Local, IpProtocol.Esp, packet.Length);
        return packet;
    }

    /// <summary>Receives an ESP packet and returns the result and what the buffer holds afterwards.</summary>
    public (InboundResult Result, byte[] Packet) Receive(byte[] esp)
    {
        PacketBuffer buffer = Packets.Buffer(FromPeer(esp));
        InboundResult result = Worker.ProcessInbound(buffer);
        return (result, buffer.Data.ToArray());
    }
}
