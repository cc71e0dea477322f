using System.Net;
using IpsecTun.Core;
using IpsecTun.Crypto;
using IpsecTun.Esp;

namespace IpsecTun.Benchmarks;

/// <summary>
/// Two endpoints joined by one tunnel-mode SA over UDP encapsulation, and the packets the ESP benchmarks
/// push through it. The receiver's SA has replay protection off so that one captured packet can be
/// decrypted over and over.
/// </summary>
internal sealed class EspBenchmarkSubject
{
    public const int Batch = 64;

    private readonly byte[] _inner;
    private readonly byte[] _wire;

    /// <param name="pathMtu">The path MTU both SAs know (0: unknown), which turns on the too-big check and MSS clamping.</param>
    public EspBenchmarkSubject(string suite, int size, int pathMtu = 0)
    {
        (EncryptionAlgorithm encryption, IntegrityAlgorithm? integrity) = Resolve(suite);
        byte[] key = [.. Enumerable.Range(1, encryption.KeyMaterialSize).Select(i => (byte)i)];
        var settings = new SecurityAssociationSettings
        {
            Spi = 0x1001, Direction = SaDirection.Outbound, Source = IPAddress.Parse("192.0.2.1"), Destination = IPAddress.Parse("192.0.2.2"),
            Encapsulation = UdpEncapsulation.Default, Encryption = encryption, EncryptionKey = key,
            Integrity = integrity, IntegrityKey = Enumerable.Range(7, integrity?.KeySize ?? 0).Select(i => (byte)i).ToArray(),
            PathMtu = pathMtu,
        };
        var selector = new TrafficSelector(IpPrefix.Parse("10.1.0.0/16"), IpPrefix.Parse("10.2.0.0/16"));
        Sender = Endpoint(selector, settings);
        Receiver = Endpoint(selector.Reverse(), settings with { Direction = SaDirection.Inbound, ReplayWindow = 0 });
        Cipher = encryption.CreateCipher(key);

        _inner = UdpPacket(size);
        Buffers = [.. Enumerable.Range(0, Batch).Select(_ => new PacketBuffer(2048, 128))];
        Single = Buffers[0];
        LoadInner(Single);
        Sender.ProcessOutbound(Single);
        _wire = Single.Data.ToArray();
    }

    public IpsecWorker Sender { get; }

    public IpsecWorker Receiver { get; }

    /// <summary>The bare cipher under the same key, for the baseline.</summary>
    public PacketCipher Cipher { get; }

    public PacketBuffer[] Buffers { get; }

    public PacketBuffer Single { get; }

    public OutboundResult[] OutboundResults { get; } = new OutboundResult[Batch];

    public InboundResult[] InboundResults { get; } = new InboundResult[Batch];

    public int InnerLength => _inner.Length;

    public void LoadInner(PacketBuffer buffer) => buffer.TrySet(_inner);

    /// <summary>Loads the inner packet into <see cref="Single"/> and protects it.</summary>
    public void EncryptOne()
    {
        LoadInner(Single);
        Sender.ProcessOutbound(Single);
    }

    /// <summary>Loads the captured datagram into <see cref="Single"/> and opens it.</summary>
    public void DecryptOne()
    {
        LoadWire(Single);
        Receiver.ProcessInbound(Single);
    }

    public void LoadWire(PacketBuffer buffer) => buffer.TrySet(_wire);

    private static IpsecWorker Endpoint(TrafficSelector selector, SecurityAssociationSettings settings)
    {
        var spd = new SecurityPolicyDatabase();
        var policy = new SecurityPolicy(selector) { Tunnel = true };
        spd.Add(policy);
        var sad = new SecurityAssociationDatabase(TimeProvider.System);
        sad.Install(settings with { Policy = policy });
        return new IpsecWorker(0, spd, sad, new IpsecStatistics(), RandomSource.System);
    }

    private static (EncryptionAlgorithm, IntegrityAlgorithm?) Resolve(string suite)
    {
        string[] parts = suite.Split('+');
        if (!TransformRegistry.TryGetEncryption(parts[0], out EncryptionAlgorithm? encryption))
        {
            throw new InvalidOperationException($"{parts[0]} is not registered.");
        }

        IntegrityAlgorithm? integrity = null;
        if (parts.Length > 1 && !TransformRegistry.TryGetIntegrity(parts[1], out integrity))
        {
            throw new InvalidOperationException($"{parts[1]} is not registered.");
        }

        return (encryption, integrity);
    }

    /// <summary>An inner IPv4/UDP packet of <paramref name="size"/> bytes in total.</summary>
    private static byte[] UdpPacket(int size)
    {
        byte[] packet = new byte[size];
        UdpHeader.Write(packet.AsSpan(Ipv4Header.MinLength), 4000, 5000, size - Ipv4Header.MinLength);
        Ipv4Header.Write(packet, [10, 1, 0, 9], [10, 2, 0, 9], IpProtocol.Udp, size);
        return packet;
    }
}
