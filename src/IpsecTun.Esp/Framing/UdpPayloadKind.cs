namespace IpsecTun.Esp;

/// <summary>What a datagram on the NAT-T port carries (RFC 3948 §2).</summary>
public enum UdpPayloadKind
{
    /// <summary>Neither: shorter than an ESP header and not a keepalive.</summary>
    Invalid,

    /// <summary>An ESP packet: its first four bytes are a non-zero SPI.</summary>
    Esp,

    /// <summary>An IKE message behind the four-byte non-ESP marker.</summary>
    Ike,

    /// <summary>A NAT-keepalive: the single byte 0xFF.</summary>
    Keepalive,
}
