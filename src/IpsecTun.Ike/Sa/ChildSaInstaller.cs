using IpsecTun.Crypto;
using IpsecTun.Ike.Messages;
using IpsecTun.Ike.Settings;

namespace IpsecTun.Ike.Sa;

/// <summary>
/// Derives a Child SA's KEYMAT (RFC 7296 §2.17, with the nonces of IKE_AUTH's IKE_SA_INIT or of the
/// CREATE_CHILD_SA exchange) and hands the SA to the host. The keys for data from the exchange's initiator come
/// first: in a CREATE_CHILD_SA that the original responder started, that is the peer, not the IKE SA's initiator.
/// </summary>
internal static class ChildSaInstaller
{
    public static ChildSaReference Install(
        IkeSa sa, bool exchangeInitiator, ChildSaSettings settings, ProtocolId protocol, NegotiatedTransforms transforms, ChildSaMode mode, uint inboundSpi, uint outboundSpi,
        IReadOnlyList<TrafficSelector> localSelectors, IReadOnlyList<TrafficSelector> remoteSelectors,
        ReadOnlySpan<byte> sharedSecret, ReadOnlySpan<byte> nonceI, ReadOnlySpan<byte> nonceR, IkeSaOutput output)
    {
        ChildSaKeys keys = ChildSaKeys.Derive(
            sa.Transforms!.Prf!, sa.Keys.SkD, sharedSecret, nonceI, nonceR, transforms.Encryption?.KeyMaterialSize ?? 0, transforms.Integrity?.KeySize ?? 0);
        var childSa = new ChildSaInstallation(
            protocol, mode, inboundSpi, outboundSpi, transforms.Encryption, transforms.Integrity, keys, exchangeInitiator,
            localSelectors, remoteSelectors, sa.Local, sa.Remote, sa.UsesUdpEncapsulation, transforms.Esn, settings);
        string description = childSa + (transforms.Group is null ? "" : $" pfs {transforms.Group}");
        sa.Host.Install(childSa);
        var reference = new ChildSaReference(protocol, inboundSpi, outboundSpi, mode, localSelectors, remoteSelectors, settings);
        sa.AddChildSa(reference);
        output.Raise(IkeSaEventKind.ChildSaInstalled, $"{description} {string.Join(", ", localSelectors)} === {string.Join(", ", remoteSelectors)}");
        return reference;
    }

    public static uint ReadSpi(Proposal proposal) =>
        proposal.Spi.Length == 4 ? System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(proposal.Spi.Span) : 0;
}
