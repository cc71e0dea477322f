using System.Net;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

/// <summary>What IKE (or a manual key) gives to install one SA.</summary>
public sealed record SecurityAssociationSettings
{
    public required uint Spi { get; init; }

    public required SaDirection Direction { get; init; }

    /// <summary>Esp or Ah.</summary>
    public IpsecProtocols Protocol { get; init; } = IpsecProtocols.Esp;

    public SaMode Mode { get; init; } = SaMode.Tunnel;

    /// <summary>src-address: the sending peer (local for outbound SAs, remote for inbound ones).</summary>
    public required IPAddress Source { get; init; }

    /// <summary>dst-address: the receiving peer.</summary>
    public required IPAddress Destination { get; init; }

    /// <summary>The UDP ports when NAT traversal encapsulates ESP in UDP; null for raw ESP and for AH.</summary>
    public UdpEncapsulation? Encapsulation { get; init; }

    /// <summary>The ESP cipher (NULL included); null for AH.</summary>
    public EncryptionAlgorithm? Encryption { get; init; }

    /// <summary>Key then salt, <see cref="EncryptionAlgorithm.KeyMaterialSize"/> bytes. Copied on install.</summary>
    public ReadOnlyMemory<byte> EncryptionKey { get; init; }

    /// <summary>The integrity transform; null with an AEAD.</summary>
    public IntegrityAlgorithm? Integrity { get; init; }

    public ReadOnlyMemory<byte> IntegrityKey { get; init; }

    public bool ExtendedSequenceNumbers { get; init; }

    /// <summary>Replay window size in packets for an inbound SA; 0 turns replay protection off (manual keys).</summary>
    public int ReplayWindow { get; init; } = 1024;

    public SaLifetime Lifetime { get; init; } = SaLifetime.Unlimited;

    /// <summary>
    /// The MTU of the path between the SA's addresses, 0 when unknown. With it the SA knows the largest
    /// packet it can carry (<see cref="SecurityAssociation.InnerMtu"/>), and the datapath answers larger
    /// ones that must not be fragmented and clamps the MSS of TCP SYNs to it.
    /// </summary>
    public int PathMtu { get; init; }

    /// <summary>The policy the SA serves: the outbound SA of that policy, or the one decrypted packets must match.</summary>
    public SecurityPolicy? Policy { get; init; }

    /// <summary>Names the SA without its keys.</summary>
    public override string ToString() => $"{Protocol} {Direction} spi=0x{Spi:x8} {Source}->{Destination}";
}
