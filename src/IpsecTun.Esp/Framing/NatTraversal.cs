using IpsecTun.Core;

namespace IpsecTun.Esp;

/// <summary>
/// The framing of RFC 3948 on the NAT-T port: ESP packets start with their SPI, IKE messages with the
/// non-ESP marker (four zero bytes, a value no SPI takes), and keepalives are one 0xFF byte.
/// </summary>
public static class NatTraversal
{
    public const int NonEspMarkerLength = 4;
    public const int KeepaliveLength = 1;
    public const byte KeepaliveByte = 0xFF;

    /// <summary>Smallest ESP packet the demultiplexer accepts: SPI and sequence number.</summary>
    private const int MinEspLength = 8;

    public static UdpPayloadKind Classify(ReadOnlySpan<byte> payload)
    {
        if (payload.Length == KeepaliveLength && payload[0] == KeepaliveByte)
        {
            return UdpPayloadKind.Keepalive;
        }

        if (payload.Length < NonEspMarkerLength)
        {
            return UdpPayloadKind.Invalid;
        }

        if (payload[0] == 0 && payload[1] == 0 && payload[2] == 0 && payload[3] == 0)
        {
            return UdpPayloadKind.Ike;
        }

        return payload.Length >= MinEspLength ? UdpPayloadKind.Esp : UdpPayloadKind.Invalid;
    }

    /// <summary>Writes a NAT-keepalive payload; returns its length.</summary>
    public static int WriteKeepalive(Span<byte> payload)
    {
        payload[0] = KeepaliveByte;
        return KeepaliveLength;
    }

    /// <summary>Puts the non-ESP marker in front of an IKE message sent on the NAT-T port.</summary>
    public static bool TryPrependNonEspMarker(PacketBuffer message)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!message.TryPrepend(NonEspMarkerLength, out Span<byte> marker))
        {
            return false;
        }

        marker.Clear();
        return true;
    }

    /// <summary>The IKE message behind the marker of a datagram <see cref="Classify"/> called <see cref="UdpPayloadKind.Ike"/>.</summary>
    public static ReadOnlySpan<byte> IkeMessage(ReadOnlySpan<byte> payload) => payload[NonEspMarkerLength..];
}
