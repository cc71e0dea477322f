using System.Net;
using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// A negotiated Child SA handed to the host: SPIs, transforms, KEYMAT and the agreed selectors, seen
/// from this side (inbound is what the peer sends to us).
/// </summary>
public sealed class ChildSaInstallation : IDisposable
{
    private readonly ChildSaKeys _keys;
    /// <summary>Whether this side initiated the exchange that created the SA (RFC 7296 §2.17 orders KEYMAT by it).</summary>
    private readonly bool _isInitiator;

    internal ChildSaInstallation(
        ProtocolId protocol, ChildSaMode mode, uint inboundSpi, uint outboundSpi, EncryptionAlgorithm? encryption, IntegrityAlgorithm? integrity,
        ChildSaKeys keys, bool isInitiator, IReadOnlyList<TrafficSelector> localSelectors, IReadOnlyList<TrafficSelector> remoteSelectors,
        IPEndPoint local, IPEndPoint remote, bool udpEncapsulation, bool extendedSequenceNumbers, ChildSaSettings settings)
    {
        Settings = settings;
        HardLifetime = settings.Lifetime;
        SoftLifetime = settings.Lifetime * IkeSa.ChildSoftFraction;
        ExtendedSequenceNumbers = extendedSequenceNumbers;
        UdpEncapsulation = udpEncapsulation;
        Protocol = protocol;
        Mode = mode;
        InboundSpi = inboundSpi;
        OutboundSpi = outboundSpi;
        Encryption = encryption;
        Integrity = integrity;
        _keys = keys;
        _isInitiator = isInitiator;
        LocalSelectors = localSelectors;
        RemoteSelectors = remoteSelectors;
        Local = local;
        Remote = remote;
    }

    /// <summary>The settings (the policy's) it was negotiated under, or rekeyed from: whose SA it is.</summary>
    public ChildSaSettings Settings { get; }

    public ProtocolId Protocol { get; }

    public ChildSaMode Mode { get; }

    public uint InboundSpi { get; }

    public uint OutboundSpi { get; }

    /// <summary>The cipher of an ESP SA; null for AH, which only authenticates.</summary>
    public EncryptionAlgorithm? Encryption { get; }

    public IntegrityAlgorithm? Integrity { get; }

    public IReadOnlyList<TrafficSelector> LocalSelectors { get; }

    public IReadOnlyList<TrafficSelector> RemoteSelectors { get; }

    public IPEndPoint Local { get; }

    public IPEndPoint Remote { get; }

    /// <summary>ESP goes inside UDP between <see cref="Local"/> and <see cref="Remote"/> (RFC 3948), because a NAT is on the path.</summary>
    public bool UdpEncapsulation { get; }

    /// <summary>The SA uses 64-bit sequence numbers (RFC 4303 §2.2.1): the host sets the ESN flag of both directions.</summary>
    public bool ExtendedSequenceNumbers { get; }

    /// <summary>When the IKE SA deletes the Child SA unless a rekey replaced it: the configured lifetime.</summary>
    public TimeSpan HardLifetime { get; }

    /// <summary>When the IKE SA starts the Child SA's rekey.</summary>
    public TimeSpan SoftLifetime { get; }

    public ReadOnlySpan<byte> InboundEncryptionKey =>
        _isInitiator ? _keys.EncryptionKeyResponderToInitiator : _keys.EncryptionKeyInitiatorToResponder;

    public ReadOnlySpan<byte> InboundIntegrityKey =>
        _isInitiator ? _keys.IntegrityKeyResponderToInitiator : _keys.IntegrityKeyInitiatorToResponder;

    public ReadOnlySpan<byte> OutboundEncryptionKey =>
        _isInitiator ? _keys.EncryptionKeyInitiatorToResponder : _keys.EncryptionKeyResponderToInitiator;

    public ReadOnlySpan<byte> OutboundIntegrityKey =>
        _isInitiator ? _keys.IntegrityKeyInitiatorToResponder : _keys.IntegrityKeyResponderToInitiator;

    public void Dispose() => _keys.Dispose();

    public override string ToString() =>
        $"{Protocol} {Mode} in 0x{InboundSpi:x8} out 0x{OutboundSpi:x8} {string.Join("/", new object?[] { Encryption, Integrity }.OfType<object>())}{(ExtendedSequenceNumbers ? " esn" : "")}";
}
