using IpsecTun.Core;

namespace IpsecTun.Esp;

public sealed partial class IpsecWorker
{
    private const int MinimumIpv6Mtu = 1280;
    private const byte DontFragmentBit = 0x40;

    /// <summary>
    /// True when the packet exceeds the SA's inner MTU and the sender asked that it not be fragmented:
    /// IPv4 with DF, or IPv6, whose packets routers never fragment. Below the IPv6 minimum MTU no
    /// packet-too-big may be sent (RFC 8201 §4), so such packets are protected and the outer ones fragmented.
    /// </summary>
    private static bool MustNotFragment(SecurityAssociation sa, ReadOnlySpan<byte> packet)
    {
        if (packet.Length <= sa.InnerMtu)
        {
            return false;
        }

        return packet[0] >> 4 == 4
            ? (packet[6] & DontFragmentBit) != 0
            : sa.InnerMtu >= MinimumIpv6Mtu;
    }

    /// <summary>Lowers the MSS a TCP SYN announces so that the connection's segments fit the SA and the adapter.</summary>
    private void ClampMss(SecurityAssociation sa, Span<byte> packet)
    {
        int mtu = AdapterMtu > 0 ? Math.Min(AdapterMtu, sa.InnerMtu) : sa.InnerMtu;
        int mss = TcpMss.ForMtu(mtu, (byte)(packet[0] >> 4));
        if (mss is > 0 and <= ushort.MaxValue)
        {
            TcpMss.TryClamp(packet, (ushort)mss);
        }
    }
}
