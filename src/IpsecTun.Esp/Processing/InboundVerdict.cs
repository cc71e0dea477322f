namespace IpsecTun.Esp;

public enum InboundVerdict : byte
{
    /// <summary>Decapsulated in place and allowed by policy: write the inner packet to the adapter.</summary>
    Deliver,

    /// <summary>Dropped (counted unless it was a dummy packet).</summary>
    Drop,

    /// <summary>An IKE message behind the non-ESP marker on the NAT-T port.</summary>
    Ike,

    /// <summary>A NAT-keepalive; nothing to do.</summary>
    Keepalive,

    /// <summary>Neither ESP, AH nor the NAT-T port: not for the IPsec datapath.</summary>
    NotIpsec,
}
