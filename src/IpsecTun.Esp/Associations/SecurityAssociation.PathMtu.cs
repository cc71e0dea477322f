using IpsecTun.Core;
using IpsecTun.Crypto;

namespace IpsecTun.Esp;

public sealed partial class SecurityAssociation
{
    /// <summary>The path MTU between the SA's addresses it was installed with; 0 when unknown.</summary>
    public int PathMtu { get; }

    /// <summary>
    /// The largest IP packet whose protected form fits <see cref="PathMtu"/>: the tunnel's MTU as the
    /// inner hosts see it, 0 when the path MTU is unknown. ESP over a block cipher pads to the block, so
    /// this is what the largest whole number of blocks leaves after the trailer.
    /// </summary>
    public int InnerMtu { get; }

    private static int InnerMtuFor(SecurityAssociationSettings settings, byte version)
    {
        if (settings.PathMtu <= 0)
        {
            return 0;
        }

        int ipHeader = version == 4 ? Ipv4Header.MinLength : Ipv6Header.Length;

        // Tunnel mode puts a whole IP header in front; transport mode keeps the packet's own in front of
        // what it adds, so that header counts towards the inner packet (taken here without options).
        int outerIp = settings.Mode == SaMode.Tunnel ? ipHeader : 0;
        if (settings.Protocol == IpsecProtocols.Ah)
        {
            return Math.Max(0, settings.PathMtu - outerIp - AhLayout.HeaderLength(settings.Integrity!.IcvSize, version));
        }

        EncryptionAlgorithm encryption = settings.Encryption!;
        int icv = encryption.IsAead ? encryption.IcvSize : settings.Integrity?.IcvSize ?? 0;
        int udp = settings.Encapsulation is null ? 0 : UdpHeader.Length;
        int room = settings.PathMtu - ipHeader - udp - EspLayout.HeaderLength - encryption.IvSize - icv;
        int alignment = EspLayout.Alignment(encryption);
        int payload = (room / alignment * alignment) - EspLayout.TrailerLength;
        int inner = payload + (settings.Mode == SaMode.Tunnel ? 0 : ipHeader);
        return Math.Max(0, inner);
    }
}
